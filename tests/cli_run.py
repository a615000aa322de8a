"""`storyline` run in this process, as the CLI tests run it: through Click's runner, with the
same `main`, its exit codes and its one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import main


def run(*args: str, db: Path | None, stdin: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """`storyline [--db DB] ARGS` in this process: stdin, stdout and stderr swapped for buffers."""
    argv = ["storyline", *(["--db", str(db)] if db else []), *args]
    with CliRunner().isolation(input=stdin, env={"STORYLINE_DEBUG": None}) as (out, err, _):
        saved_argv, sys.argv = sys.argv, argv
        try:
            main()
            code = 0
        except SystemExit as exit:
            code = exit.code or 0
        finally:
            sys.argv = saved_argv
            sys.stdout.flush()
            sys.stderr.flush()
        result = subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())
    if check:
        assert result.returncode == 0, result.stderr.decode()
    return result
