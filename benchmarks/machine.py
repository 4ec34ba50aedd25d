"""The machine a benchmark ran on, with two reference speeds to compare figures across machines.

Speed figures depend on the machine as much as on the code: the same commit measured 8,630
tokens/s (tokenisation + NER) on one 2-core development machine and 3,409 on another.  The
speed benchmarks (``bench_pipeline.py``, ``bench_batch.py``) therefore record, beside their own
figures, how fast the machine runs two fixed workloads shaped like the pipeline's own work, each
on one thread:

- ``python_mops``: millions of iterations/s of a plain Python loop (the tokenizer, rule layers
  and table building are pure Python);
- ``lstm_tokens_per_second``: tokens/s of a BiLSTM forward pass of the NER tagger's shape
  (batch 32 x 30 tokens, 300 inputs, 256 units each way; torch, one thread).

A figure divided by the matching reference speed can be compared between machines.

    python benchmarks/machine.py
"""

from __future__ import annotations

import json
import os
import platform
import time


def cpu_model() -> str:
    """The processor's name from /proc/cpuinfo ("" where there is none)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def python_mops(iterations: int = 3_000_000, repeats: int = 3) -> float:
    """Millions of loop iterations/s of a fixed pure-Python loop (best of ``repeats``)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        total = 0
        for i in range(iterations):
            total += i * i
        best = min(best, time.perf_counter() - start)
    return iterations / best / 1e6


def lstm_tokens_per_second(batches: int = 20, repeats: int = 3) -> float:
    """Tokens/s of a BiLSTM forward pass shaped like the NER tagger's, on one torch thread."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        torch.manual_seed(0)
        lstm = torch.nn.LSTM(300, 256, bidirectional=True, batch_first=True)
        inputs = torch.randn(32, 30, 300)
        best = float("inf")
        with torch.no_grad():
            lstm(inputs)  # warm-up
            for _ in range(repeats):
                start = time.perf_counter()
                for _ in range(batches):
                    lstm(inputs)
                best = min(best, time.perf_counter() - start)
    finally:
        torch.set_num_threads(threads)
    return batches * inputs.shape[0] * inputs.shape[1] / best


def describe(torch_threads: int | None = None) -> dict[str, object]:
    """The machine, the software and the two reference speeds, as one JSON-ready dict."""
    import torch

    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "arch": platform.machine(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "torch_threads": torch_threads if torch_threads is not None else torch.get_num_threads(),
        "reference": {"python_mops": round(python_mops(), 1),
                      "lstm_tokens_per_second": round(lstm_tokens_per_second())},
    }


if __name__ == "__main__":
    print(json.dumps(describe(), indent=2))
