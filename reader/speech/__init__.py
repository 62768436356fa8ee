"""Hearing Chinese read aloud, the Qt-free part: which voice to use, what to say
next when reading an article, and the sound files of flashcards.

The engines themselves are Qt's (``reader/ui/speech.py``) or, for writing sound
files, the ``espeak-ng`` program (``reader.speech.espeak``).
"""
