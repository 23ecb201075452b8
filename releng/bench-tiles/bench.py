"""Runs Focal and OpenSlide on the same seeded random 512 x 512 regions, alternating, and prints medians.

Focal runs twice per repetition when libjpeg-turbo is usable: with its default decoder (libjpeg-turbo
through org.focal.io.turbojpeg) and with -Dbench.jpeg=jdk (the JDK's ImageIO JPEG decoder).
JAVA_FLAGS (space-separated) go to every Focal JVM.
"""
import os, random, statistics, subprocess, sys
import openslide

java, classpath, cache, reps, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
images = sys.argv[6:]
here = os.path.dirname(os.path.abspath(__file__))
python = sys.executable
flags = os.environ.get('JAVA_FLAGS', '').split()
decoders = os.environ.get('DECODERS', 'default jdk').split()


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
        focal, osl = {d: [] for d in decoders}, []
        used = {}
        for rep in range(reps):
            line = f"  {name} threads={threads} rep {rep + 1}:"
            for d in decoders:
                res = subprocess.run([java, '-Xmx256m', *flags, f'-Dbench.jpeg={d}', '-cp', classpath, 'Bench', 'regions',
                                      image, regs, warm, str(threads)], check=True, capture_output=True, text=True)
                focal[d].append(float(res.stdout.strip()))
                used[d] = res.stderr.strip().splitlines()[-1] if res.stderr.strip() else '?'
                line += f" focal[{d}] {focal[d][-1]:.1f}/s,"
            out = subprocess.run([python, os.path.join(here, 'bench_openslide.py'), image, regs, warm, str(threads)],
                                 check=True, capture_output=True, text=True).stdout
            osl.append(float(out.strip()))
            print(f"{line} openslide {osl[-1]:.1f}/s", flush=True)
        om = statistics.median(osl)
        fm = {d: statistics.median(v) for d, v in focal.items()}
        rows.append((name, f"{w} x {h}", threads, fm, om))
        for d in decoders:
            print(f"  focal[{d}] decoder: {used[d]}")

print()
print("| image | size | threads | " + " | ".join(f"Focal [{d}] regions/s" for d in decoders)
      + " | OpenSlide regions/s | " + " | ".join(f"[{d}] / OpenSlide" for d in decoders) + " |")
print("|---|---|---|" + "---|" * (2 * len(decoders) + 1))
for r in rows:
    print(f"| {r[0]} | {r[1]} | {r[2]} | " + " | ".join(f"{r[3][d]:.1f}" for d in decoders) + f" | {r[4]:.1f} | "
          + " | ".join(f"{r[3][d] / r[4]:.2f}" for d in decoders) + " |")
