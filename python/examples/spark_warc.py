#!/usr/bin/env python3
"""Extract the article from every HTML record of WARC files with decant, on Spark.

    spark-submit --master local[2] spark_warc.py --output OUT WARC [WARC...]
    spark-submit --master yarn     spark_warc.py --output s3://bucket/out --input-list warc.paths

Each WARC file is one task: the executor opens it (local path, `file://`,
`http(s)://` or `s3://` — the last two are downloaded to a temporary file
first, `s3://` with boto3), and `decant.Extractor.extract_warc` streams its
records, extracting each HTML page with the GIL released. The output is
JSON Lines, one line per HTML record (or `{"source", "error"}` for a record
that failed), the same lines `decant warc` prints for the same file, in
archive order within each part file (part files follow the input order).

Needs the `decant` wheel installed on every executor (e.g. `--py-files` does
not carry native code: install it in the executors' Python environment, or
ship a packed venv with `--archives`).
"""

import argparse
import json
import os
import shutil
import tempfile
import urllib.request
from typing import Dict, Iterable, Iterator, Tuple


def _local_copy(path: str) -> Tuple[str, bool]:
    """A local path for `path`; True when it is a temporary copy to delete."""
    if path.startswith("file://"):
        return path[len("file://"):], False
    if path.startswith(("http://", "https://")):
        fd, tmp = tempfile.mkstemp(suffix=".warc.gz")
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(path) as response:
            shutil.copyfileobj(response, out, 1 << 20)
        return tmp, True
    if path.startswith("s3://"):
        import boto3  # only needed for s3:// inputs

        bucket, _, key = path[len("s3://"):].partition("/")
        fd, tmp = tempfile.mkstemp(suffix=".warc.gz")
        os.close(fd)
        boto3.client("s3").download_file(bucket, key, tmp)
        return tmp, True
    return path, False


def extract_partition(paths: Iterable[str], options: Dict) -> Iterator[str]:
    """mapPartitions body: every WARC in the partition → JSON lines."""
    import decant

    extractor = decant.Extractor(**options)
    for path in paths:
        local, temporary = _local_copy(path)
        try:
            for line in extractor.extract_warc(local):
                line["source"] = path
                yield json.dumps(line, ensure_ascii=False, separators=(",", ":"))
        finally:
            if temporary:
                os.unlink(local)


def run(spark, inputs, output: str, options: Dict) -> None:
    sc = spark.sparkContext
    paths = sc.parallelize(inputs, numSlices=max(1, len(inputs)))
    lines = paths.mapPartitions(lambda part: extract_partition(part, options))
    lines.saveAsTextFile(output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("warcs", nargs="*", help="WARC files (path, file://, http(s)://, s3://)")
    parser.add_argument("--input-list", help="a file with one WARC path per line (e.g. Common Crawl's warc.paths)")
    parser.add_argument("--prefix", default="", help="prepended to each path of --input-list "
                        "(e.g. https://data.commoncrawl.org/ or s3://commoncrawl/)")
    parser.add_argument("--output", required=True, help="output directory (Spark text output, JSON Lines)")
    parser.add_argument("--comments", action="store_true", help="collect reader comments")
    parser.add_argument("--markdown", action="store_true", help="add a markdown field")
    args = parser.parse_args()

    inputs = list(args.warcs)
    if args.input_list:
        with open(args.input_list) as f:
            inputs += [args.prefix + line.strip() for line in f if line.strip()]
    if not inputs:
        parser.error("no WARC files given")
    options = {}
    if args.comments:
        options["comments"] = True
    if args.markdown:
        options["markdown"] = True

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("decant-warc").getOrCreate()
    try:
        run(spark, inputs, args.output, options)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
