"""Across articles: the same quote in many outlets, wire copy, and who the sources are.

Pure functions over plain records (these modules never read or write the store), so the
store's post-save step, the batch runner and the benchmarks call the same code:
  words.py       the normalised words of a quote, with ellipsis and clause marks between them
  align.py       word alignment of two quotes: shared runs, elisions, word edits
  paraphrase.py  an indirect report against a direct quote, by the claim's content words
  links.py       link_quotes: verbatim / trimmed / elided / altered / paraphrase, speaker shift
  candidates.py  winnowed shingle keys a store indexes to find a quote's other versions
  thread.py      quote threads and their first report
  agencies.py    the news agency an article credits
  wire.py        near-duplicate bodies (MinHash band keys) and "N outlets, M own reporting"
  sources.py     named / described / anonymous source
  word_diff.py   a word diff for people to read, from align's matching runs
  revisions.py   what changed between two stored versions of a page
Above the store (imported by their users, not here): step.py (the post-save step `threads`),
rows.py (its writes: links, thread membership, copy groups), queries.py and records.py (reads).
"""

from storyline.threads.candidates import KeyIndex, quote_keys
from storyline.threads.links import LINK_KINDS, LinkKind, QuoteLink, QuoteText, link_quotes
from storyline.threads.sources import SourceKind, quote_source_kinds, source_kind
from storyline.threads.thread import Appearance, QuoteThread, quote_threads
from storyline.threads.wire import WireArticle, WireReport, wire_report

__all__ = ["LINK_KINDS", "Appearance", "KeyIndex", "LinkKind", "QuoteLink", "QuoteText",
           "QuoteThread", "SourceKind", "WireArticle", "WireReport", "link_quotes",
           "quote_keys", "quote_source_kinds", "quote_threads", "source_kind", "wire_report"]
