"""OpenSlide side of the tile benchmark: same regions, same thread counts, fresh OpenSlide per pass."""
import sys, threading, time
import openslide


def regions(path):
    out = []
    for line in open(path):
        f = line.split()
        if len(f) == 2:
            out.append((int(f[0]), int(f[1])))
    return out


def run(image, regs, threads):
    s = openslide.OpenSlide(image)
    lock = threading.Lock()
    nxt = [0]

    def work():
        while True:
            with lock:
                i = nxt[0]
                nxt[0] += 1
            if i >= len(regs):
                return
            s.read_region(regs[i], 0, (512, 512))

    t0 = time.perf_counter()
    ts = [threading.Thread(target=work) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    rate = len(regs) / (time.perf_counter() - t0)
    s.close()
    return rate


if __name__ == '__main__':
    image, regs, warm, threads = sys.argv[1], regions(sys.argv[2]), regions(sys.argv[3]), int(sys.argv[4])
    run(image, warm, threads)
    print(f"{run(image, regs, threads):.2f}")
