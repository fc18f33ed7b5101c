"""What `acplans run` tells the person at the terminal: a progress bar naming
the file being read, one line per file that failed, and a closing summary
that names the files needing review and the files skipped."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # the pipeline loads every stage; `acplans inspect` needs none of them
    from acplans.inputs import Skipped
    from acplans.pipeline import FileResult
    from acplans.run_record import RunRecord

# Files named in a summary list before "... and N more".
LIST_LIMIT = 10


def fail_softly(path: str, reason: str) -> None:
    click.secho(f"error: {path}: {reason}", fg="red", err=True)


class RunProgress:
    """A rich progress bar on stderr while files are read; nothing at all when
    stderr is not a terminal (a log, a pipe) or the user asked for quiet."""

    def __init__(self, total: int, enabled: bool, tracebacks: bool = False):
        self.bar = None
        self.tracebacks = tracebacks  # print a failed reader's logged traceback (--verbose)
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
            self.bar = Progress(TextColumn("Reading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                TextColumn("{task.description}"), console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task("", total=total)

    def __enter__(self) -> RunProgress:
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar:
            self.bar.stop()

    def started(self, path: Path) -> None:
        if self.bar:
            self.bar.update(self.task, description=path.name)

    def finished(self, result: FileResult) -> None:
        if result.status == "error":
            if self.bar:
                self.bar.console.print(f"error: {result.path}: {result.error or 'unreadable'}", style="red",
                                       highlight=False, markup=False)
            else:
                fail_softly(str(result.path), result.error or "unreadable")
            if self.tracebacks and result.log_path and Path(result.log_path).is_file():
                click.echo(Path(result.log_path).read_text(encoding="utf-8"), err=True)
        if self.bar:
            self.bar.update(self.task, advance=1, description=result.path.name)


def _status_note(status: str) -> str:
    """"empty: " or "unreadable text: " before the reason; nothing for ok."""
    return "" if status == "ok" else f"{status.replace('_', ' ')}: "


def _named(title: str, lines: list[str]) -> list[str]:
    if not lines:
        return []
    shown = [f"  {line}" for line in lines[:LIST_LIMIT]]
    if len(lines) > LIST_LIMIT:
        shown.append(f"  ... and {len(lines) - LIST_LIMIT} more")
    return [f"{title} ({len(lines)}):"] + shown


def summary(record: RunRecord, out_dir: str, skipped_note: str, skipped: list[Skipped]) -> str:
    """The closing lines: counts, then the files that need review, failed,
    and (when given) were skipped, by name."""
    if record.unchanged:
        head = (f"Nothing to do: the same {record.files} files, read by the same acplans, made the tables in "
                f"{out_dir} (--no-cache redoes them); {record.recommendations} recommendations, "
                f"{record.responses} responses, {record.actions} actions, {len(record.finding_severities)} "
                f"findings{skipped_note}")
    else:
        head = (f"{record.files - len(record.failed)} of {record.files} files read"
                + (f" ({record.from_cache} unchanged, from the cache)" if record.from_cache else "")
                + f"; {record.recommendations} recommendations, {record.responses} responses, "
                  f"{record.actions} actions, {len(record.finding_severities)} findings -> {out_dir}{skipped_note}")
    review = [f"{r.path}: {_status_note(r.status)}{r.reason}" + (f" (+{r.more} more)" if r.more else "")
              for r in record.needs_review]
    lines = [head]
    lines += _named("Needs review", review)
    lines += _named("Failed", [f"{path}: {reason}" for path, reason in record.failed])
    lines += _named("Skipped in folders", [f"{s.path} ({s.reason})" for s in skipped])
    return "\n".join(lines)
