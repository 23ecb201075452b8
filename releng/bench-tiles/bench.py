"""Runs Focal and OpenSlide on the same seeded random 512 x 512 regions, alternating, and prints medians."""
import os, random, statistics, subprocess, sys
import openslide

java, classpath, cache, reps, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
images = sys.argv[6:]
here = os.path.dirname(os.path.abspath(__file__))
python = sys.executable


def write_regions(image, seed, path):
    w, h = openslide.OpenSlide(image).dimensions
    rnd = random.Random(seed)
    with open(path, 'w') as f:
        for _ in range(count):
            f.write(f"{rnd.randrange(w - 512)} {rnd.randrange(h - 512)}\n")
    return w, h


rows = []
for image in images:
    name = os.path.basename(image)
    regs = os.path.join(cache, name + '.regions')
    warm = os.path.join(cache, name + '.warmup')
    w, h = write_regions(image, 1234, regs)
    write_regions(image, 99, warm)
    for threads in (1, 2):
        focal, osl = [], []
        for rep in range(reps):
            out = subprocess.run([java, '-Xmx256m', '-cp', classpath, 'Bench', 'regions', image, regs, warm, str(threads)],
                                 check=True, capture_output=True, text=True).stdout
            focal.append(float(out.strip()))
            out = subprocess.run([python, os.path.join(here, 'bench_openslide.py'), image, regs, warm, str(threads)],
                                 check=True, capture_output=True, text=True).stdout
            osl.append(float(out.strip()))
            print(f"  {name} threads={threads} rep {rep + 1}: focal {focal[-1]:.1f}/s, openslide {osl[-1]:.1f}/s", flush=True)
        fm, om = statistics.median(focal), statistics.median(osl)
        rows.append((name, f"{w} x {h}", threads, fm, om, fm / om))

print()
print("| image | size | threads | Focal regions/s (median) | OpenSlide regions/s (median) | Focal / OpenSlide |")
print("|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]:.1f} | {r[4]:.1f} | {r[5]:.2f} |")
