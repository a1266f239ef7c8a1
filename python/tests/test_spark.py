"""The Spark job on a WARC built here, local[2], against `decant warc` on the same file."""

import glob
import json
import os
import shutil
import subprocess
import sys

import pytest

from warcgen import mixed_archive

pyspark = pytest.importorskip("pyspark")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JOB = os.path.join(ROOT, "python", "examples", "spark_warc.py")


def decant_bin() -> str:
    path = os.environ.get("DECANT_BIN", os.path.join(ROOT, "target", "release", "decant"))
    if not os.path.exists(path):
        pytest.fail(f"{path} not found: run `cargo build --release` first (or set DECANT_BIN)")
    return path


@pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs a Java runtime")
def test_spark_job_matches_the_cli(tmp_path):
    warc = tmp_path / "mixed.warc.gz"
    warc.write_bytes(mixed_archive())
    out_dir = tmp_path / "out"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    spark_submit = os.path.join(os.path.dirname(pyspark.__file__), "bin", "spark-submit")
    job = subprocess.run(
        [spark_submit, "--master", "local[2]", "--conf", "spark.ui.enabled=false",
         JOB, "--output", str(out_dir), str(warc)],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert job.returncode == 0, job.stderr[-3000:]
    spark_lines = []
    for part in sorted(glob.glob(str(out_dir / "part-*"))):
        with open(part, encoding="utf-8") as f:
            spark_lines += [json.loads(line) for line in f if line.strip()]

    cli = subprocess.run([decant_bin(), "warc", "-j", "2", str(warc)], capture_output=True, timeout=300)
    assert cli.returncode == 1, cli.stderr  # the corrupt records fail
    assert b"41 records, 28 html, 28 extracted, 2 failed, 11 skipped" in cli.stderr
    cli_lines = [json.loads(line) for line in cli.stdout.decode("utf-8").splitlines()]

    assert len(spark_lines) == len(cli_lines) == 30
    assert [line.get("warc_record_id") for line in spark_lines] == [
        line.get("warc_record_id") for line in cli_lines
    ]
    # Same lines, field for field (both name the archive by the path given).
    assert spark_lines == cli_lines
    texts = [line["text"] for line in spark_lines if "text" in line]
    assert len(texts) == 28 and all("on a long agenda" in t for t in texts)
