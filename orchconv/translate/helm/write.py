"""Write a chart folder: all of it at once, by the `-o DIR` rules (orchconv/translate/
output_dir.py: a re-run replaces only what orchconv wrote)."""

from __future__ import annotations

from pathlib import Path

from orchconv.translate.helm.chart import SECRETS_FOLDER, ChartConversion
from orchconv.translate.output_dir import OutFile, write_folder
from orchconv.translate.result import Conversion
from orchconv.translate.writing import SECRET_ENV, secret_env_text


def write_chart(conversion: Conversion, folder: Path, force: bool = False) -> list[str]:
    """Write the chart; the warnings to show."""
    assert isinstance(conversion, ChartConversion), "the helm target makes a ChartConversion"
    files = list(conversion.files)
    if conversion.environ:  # values a k8s input's Secrets held: beside the other Secrets
        files.append(OutFile(f"{SECRETS_FOLDER}/{SECRET_ENV}",
                             secret_env_text(conversion.environ), private=True))
    return write_folder(folder, files, force)
