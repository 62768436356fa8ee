"""Reading the files a user opens: encodings, formats, and clear errors for anything else."""
