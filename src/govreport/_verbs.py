"""What a loaded report can do: check, build, render and write it.

:class:`govreport.LoadedReport` takes these verbs from :class:`ReportVerbs`; the command line
calls them as any Python program does. They import the build and the renderers only when
called, so that loading and checking a report stays quick.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import _memo
    from .checks import Finding
    from .document import Document
    from .loader import LoadedReport
    from .model import Report
    from .plugins import Registry


class ReportVerbs:
    """The verbs of a loaded report; its fields are :class:`govreport.LoadedReport`'s."""

    __slots__ = ()

    if TYPE_CHECKING:
        report: Report
        registry: Registry
        path: Path | None
        output_options: dict[str, Any]
        _worked_out: _memo.Held

        def _loaded(self, path: str | Path) -> LoadedReport:
            """Another report file, loaded as this one's class loads reports."""

    def check(self, previous: str | Path | LoadedReport | None = None) -> list[Finding]:
        """Run every rule of the report's edition; ``previous`` is last year's report, for the
        rules that compare years. A path is loaded as :func:`govreport.load` loads it."""
        from . import _memo
        from .checks.run import run_checks

        with _memo.scope(self._worked_out):  # what loading worked out, the rules reuse
            if previous is None or isinstance(previous, ReportVerbs):
                last = previous
            else:
                last = self._loaded(previous)
            return run_checks(
                self.report, self.registry, previous=last.report if last is not None else None
            )

    def build(self) -> Document:
        """The report's document tree: headings numbered, figures computed, tables totalled."""
        from .build import build_document

        return build_document(self.report, self.registry)

    def render(self, to: str, **options: Any) -> str | bytes:
        """The report in the format ``to``, in memory: text (``md``, ``html``) or bytes
        (``docx``), exactly what :meth:`write` writes (text as UTF-8).

        ``options`` are set over the report's own ``[output.<to>]`` settings and checked as
        they are (``render("html", fragment=True)``); a wrong one is a ReportError.
        """
        from .render import render_one, renderer_named

        renderer = renderer_named(self, to)
        return render_one(self, renderer, self.build(), options)

    def write(
        self,
        formats: str | Sequence[str],
        out_dir: str | Path | None = None,
        *,
        options: Mapping[str, Mapping[str, Any]] | None = None,
        force: bool = False,
    ) -> list[Path]:
        """Check the report, then render it to each format and write the files, all or none;
        returns their paths. They go to ``out_dir`` (by default ``build/`` beside the report),
        named after the report. ``options`` sets each format's options
        (``{"html": {"fragment": True}}``).

        A report that is not a draft and has errors or inconsistencies is not written: a
        :class:`govreport.errors.ChecksFailedError` carries those findings. ``force=True``
        writes it all the same (and skips the checks). A draft is always written, marked 草稿.
        """
        from .render import render_outputs

        if not force:
            from .checks.grouping import blocking
            from .errors import ChecksFailedError

            found = blocking(self.check(), self.report.draft)
            if found:
                raise ChecksFailedError(str(self.path or "report"), found)

        names = [formats] if isinstance(formats, str) else list(formats)
        folder = Path(out_dir) if out_dir is not None else None
        return render_outputs(self, names, folder, options)
