"""What every benchmark prints about the machine it ran on."""

import contextlib
import os
import platform
from pathlib import Path


def machine_facts() -> list[tuple[str, str]]:
    """Return (label, value) pairs: CPU model, logical cores, memory, OS and Python."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "未知"
    with contextlib.suppress(OSError, ValueError, IndexError):
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    return [
        ("CPU", cpu),
        ("逻辑核心数", str(os.cpu_count())),
        ("内存", memory),
        ("操作系统", platform.platform()),
        ("Python", platform.python_version()),
    ]
