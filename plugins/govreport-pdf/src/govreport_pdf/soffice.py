"""Running LibreOffice headless to turn .docx files into PDF.

Each conversion gets a private temporary folder holding the files and a LibreOffice profile of
its own, so that builds running side by side do not collide; the folder is removed afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from govreport import GovreportError

SOFFICE_ENV = "GOVREPORT_SOFFICE"
"""Names the LibreOffice program (``soffice``) to run, instead of looking on PATH."""
INSTALL_HINT = (
    "请安装 LibreOffice 和中文字体（Debian/Ubuntu：apt-get install libreoffice-writer-nogui "
    "fonts-noto-cjk），或用 GOVREPORT_SOFFICE 指明 soffice 程序的位置"
)
TIMEOUT = 300
"""Seconds one LibreOffice run may take before it is stopped."""
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
"""PDF/A-2b, the archival form of PDF."""

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
{aliases}
</fontconfig>
"""
STAND_INS = {
    "Noto Serif CJK SC": ("仿宋_GB2312", "仿宋", "方正小标宋简体", "宋体", "楷体_GB2312", "楷体"),
    "Noto Sans CJK SC": ("黑体",),
}
"""The fonts used where the machine lacks an official one: each comes after the official font,
so a machine that has the official font uses it."""


def program() -> str | None:
    """The LibreOffice program to run: GOVREPORT_SOFFICE's, else ``soffice`` or
    ``libreoffice`` on PATH; None when there is none."""
    named = os.environ.get(SOFFICE_ENV)
    if named:
        return shutil.which(named)
    return shutil.which("soffice") or shutil.which("libreoffice")


def unavailable() -> str | None:
    """Why PDF cannot be made on this machine, or None when it can."""
    if program() is not None:
        return None
    named = os.environ.get(SOFFICE_ENV)
    if named:
        return f"GOVREPORT_SOFFICE 指定的程序 {named!r} 不存在或不能运行；{INSTALL_HINT}"
    return f"找不到 LibreOffice（PATH 上没有 soffice 或 libreoffice）；{INSTALL_HINT}"


def _fonts_conf(folder: Path) -> Path:
    aliases = "\n".join(
        f"  <alias><family>{name}</family><accept><family>{stand_in}</family></accept></alias>"
        for stand_in, names in STAND_INS.items()
        for name in names
    )
    path = folder / "fonts.conf"
    path.write_text(FONTS_CONF.format(aliases=aliases), encoding="utf-8")
    return path


def convert(
    documents: Sequence[bytes], pdfa: bool = False, epoch: int | None = None
) -> list[bytes]:
    """Each .docx as PDF bytes, converted by one LibreOffice run; a GovreportError when
    LibreOffice is absent, fails or takes longer than :data:`TIMEOUT` seconds.

    ``epoch`` is passed as SOURCE_DATE_EPOCH (seconds since 1970), the date a LibreOffice that
    honours it stamps on the PDF; a SOURCE_DATE_EPOCH already set is kept.
    """
    soffice = program()
    if soffice is None:
        raise GovreportError(f"无法生成 PDF：{unavailable()}")
    with tempfile.TemporaryDirectory(prefix="govreport-pdf-") as temporary:
        folder = Path(temporary)
        names = [folder / f"document-{index}.docx" for index in range(len(documents))]
        for name, data in zip(names, documents, strict=True):
            name.write_bytes(data)
        out = folder / "pdf"
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            PDFA_FILTER if pdfa else "pdf",
            "--outdir",
            str(out),
            *map(str, names),
        ]
        env = {**os.environ, "FONTCONFIG_FILE": str(_fonts_conf(folder))}
        if epoch is not None:
            env.setdefault("SOURCE_DATE_EPOCH", str(epoch))
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT, env=env, cwd=folder
            )
        except subprocess.TimeoutExpired:
            raise GovreportError(
                f"LibreOffice 在 {TIMEOUT} 秒内没有完成 PDF 转换，已停止；没有写入 PDF"
            ) from None
        except OSError as error:
            message = f"无法运行 LibreOffice（{soffice}）：{error}；{INSTALL_HINT}"
            raise GovreportError(message) from None
        pdfs = [out / f"{name.stem}.pdf" for name in names]
        if not all(pdf.is_file() for pdf in pdfs):
            said = (result.stderr or result.stdout).strip()[-500:]
            raise GovreportError(
                f"LibreOffice（{soffice}）没有把文档转换为 PDF（退出状态 {result.returncode}）："
                f"{said or '没有说明原因'}"
            )
        return [pdf.read_bytes() for pdf in pdfs]
