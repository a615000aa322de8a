"""Parquet shards without a cluster: the record round trip and shards from older versions."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from storyline.model import AnalysedArticle, Article, Paragraph
from storyline.shards import SCHEMAS, read_shard, write_shard


def test_a_shard_written_with_the_old_site_name_column_reads_as_outlet(tmp_path):
    article = Article(source="a.html", format="html", title="T", body="Body.", paragraphs=[Paragraph(0, 5)],
                      outlet="Daily Guardian")
    write_shard(tmp_path, "s1", [AnalysedArticle(article, status="analysed")])
    assert read_shard(tmp_path, "s1")[0].article.outlet == "Daily Guardian"
    path = tmp_path / "articles" / "s1.parquet"
    old = pq.read_table(path).rename_columns(["site_name" if n == "outlet" else n for n in SCHEMAS["articles"].names])
    assert "site_name" in old.column_names
    pq.write_table(pa.Table.from_pylist(old.to_pylist()), path)
    assert read_shard(tmp_path, "s1")[0].article.outlet == "Daily Guardian"
