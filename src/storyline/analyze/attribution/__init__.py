"""Who said what: attribution of direct, mixed and indirect quotes to their cue and speaker.

Where each part is computed:
  quotes.py         `attribute_quotes`: the whole pass, direct quotes first, then reported speech
  quote_marks.py    quoted passages found from quotation marks alone, before any parsing
  direct.py         direct quotes: a quoted passage and the cue that frames it
  content_model.py  the cue lexicon and what each cue takes as its content (with a small model)
  cue_model.py      the learned model that says whether a word is an attribution cue
  speakers.py       the speaker span from the parse, then the actor it refers to
  speaker_model.py  the learned model that picks the speaker among nearby noun phrases
  types.py          `Attribution`, the attribution under construction that all of these share
  weights.py        scoring of the shipped JSON models in `models/`
"""
