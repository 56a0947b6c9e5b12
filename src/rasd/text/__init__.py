"""The Arabic text layer: normalisation with offset maps, sentences, clitic-aware tokens."""
from .normalize import NormText, norm, normalize
from .sentences import Sentence, paragraphs, split_sentences
from .tokens import Analysis, Token, analyses, tokenize

__all__ = ["NormText", "norm", "normalize", "Sentence", "paragraphs", "split_sentences",
           "Analysis", "Token", "analyses", "tokenize"]
