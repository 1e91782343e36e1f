"""Draws how weir's speed and memory scale (`scripts/bench --plot`).

Three panels, each point one whole `weir` process on generated clicks (`weir-gen`), the best of
two runs:
  1. events/s against the groups per window: TUMBLE 1 h over 2M events grouped by a user id
     drawn uniformly from 10 to 5M users (the groups are counted from the output: rows / windows);
  2. events/s against a sliding window's size / slide: HOP with a 1 s slide and a size from
     1 s to 1 h, 100 pages;
  3. peak memory against input length: the seed query on 1M to 16M events (state is bounded by
     the open windows, so the line should be flat).

Usage: python3 scripts/bench-plot.py OUT.png   (run from the project's root; needs matplotlib)
"""
import os
import subprocess
import sys
import time

WEIR = ".build/release/weir"
GEN = ".build/release/weir-gen"
DATA = "bench-data"


def generate(name, events, pages, users=10_000, rate=1000):
    path = f"{DATA}/{name}.ndjson"
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        with open(path, "wb") as out:
            subprocess.run([GEN, "--events", str(events), "--seed", "1", "--rate", str(rate),
                            "--pages", str(pages), "--users", str(users)], stdout=out, check=True)
    return path


def run(query, path, runs=2):
    """Best wall seconds, peak RSS in MB and output rows of `weir -e query < path`."""
    best, peak, rows = None, 0.0, 0
    for _ in range(runs):
        with open(path, "rb") as data:
            start = time.monotonic()
            process = subprocess.Popen(["/usr/bin/time", "-f", "%M", WEIR, "-e", query],
                                       stdin=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            out, err = process.communicate()
            seconds = time.monotonic() - start
        if process.returncode != 0:
            sys.exit(f"weir failed on {path}: {err.decode()[-500:]}")
        peak = max(peak, int(err.decode().strip().splitlines()[-1]) / 1024)
        rows = out.count(b"\n")
        best = seconds if best is None else min(best, seconds)
    return best, peak, rows


def main():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out_png = sys.argv[1] if len(sys.argv) > 1 else "docs/bench-plot.png"
    os.makedirs(DATA, exist_ok=True)
    events = 2_000_000

    groups_x, groups_y = [], []
    for users in [10, 100, 1_000, 10_000, 100_000, 1_000_000, 5_000_000]:
        path = generate(f"plot-users-{users}", events, 1000, users=users)
        query = ("SELECT window_start, window_end, user_id, COUNT(*) AS c FROM TABLE(TUMBLE(TABLE clicks, "
                 "DESCRIPTOR(timestamp), INTERVAL '1' HOUR)) GROUP BY window_start, window_end, user_id")
        seconds, peak, rows = run(query, path)
        # 2M events at 1,000/s span 33 minutes: one or two hour-long windows.
        windows = max(1, run("SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(timestamp), "
                             "INTERVAL '1' HOUR)) GROUP BY window_start, window_end", path, runs=1)[2])
        groups = rows / windows
        groups_x.append(groups)
        groups_y.append(events / seconds / 1e6)
        print(f"groups per window {groups:>10,.0f}: {seconds:.2f} s, {events / seconds / 1e6:.2f} M events/s, peak {peak:.0f} MB", flush=True)

    ratio_x, ratio_y = [], []
    path = generate("plot-pages-100", events, 100)
    for size in [1, 10, 60, 300, 1_800, 3_600]:
        query = (f"SELECT window_start, window_end, page, COUNT(*) AS c FROM TABLE(HOP(TABLE clicks, "
                 f"DESCRIPTOR(timestamp), INTERVAL '1' SECOND, INTERVAL '{size}' SECOND)) "
                 "GROUP BY window_start, window_end, page")
        seconds, peak, rows = run(query, path)
        ratio_x.append(size)
        ratio_y.append(events / seconds / 1e6)
        print(f"size/slide {size:>5}: {seconds:.2f} s, {events / seconds / 1e6:.2f} M events/s, {rows:,} rows, peak {peak:.0f} MB", flush=True)

    memory_x, memory_y = [], []
    seed = ("SELECT page, COUNT(*) AS click_count FROM clicks "
            "GROUP BY TUMBLE(timestamp, INTERVAL '10' SECOND), page")
    for millions in [1, 2, 4, 8, 16]:
        path = generate(f"plot-length-{millions}M", millions * 1_000_000, 1000)
        seconds, peak, _ = run(seed, path, runs=1)
        memory_x.append(millions)
        memory_y.append(peak)
        print(f"input {millions:>2}M events: {seconds:.2f} s, peak {peak:.0f} MB", flush=True)

    figure, axes = plt.subplots(1, 3, figsize=(15, 4.2))
    axes[0].plot(groups_x, groups_y, marker="o")
    axes[0].set_xscale("log")
    axes[0].set_xlabel("groups per window (TUMBLE 1 h by user, 2M events)")
    axes[0].set_ylabel("M events/s")
    axes[0].set_ylim(bottom=0)
    axes[1].plot(ratio_x, ratio_y, marker="o")
    axes[1].set_xscale("log")
    axes[1].set_xlabel("window size / slide (HOP, slide 1 s, 100 pages)")
    axes[1].set_ylabel("M events/s")
    axes[1].set_ylim(bottom=0)
    axes[2].plot(memory_x, memory_y, marker="o")
    axes[2].set_xscale("log", base=2)
    axes[2].set_xlabel("input length (M events, TUMBLE 10 s)")
    axes[2].set_ylabel("peak memory (MB)")
    axes[2].set_ylim(0, max(memory_y) * 1.4)
    for axis in axes:
        axis.grid(True, alpha=0.3)
    figure.suptitle("weir on 2 cores: speed against state, memory against input length")
    figure.tight_layout()
    os.makedirs(os.path.dirname(out_png) or ".", exist_ok=True)
    figure.savefig(out_png, dpi=100)
    print(f"wrote {out_png}")


if __name__ == "__main__":
    main()
