"""The library of books, documents and texts the user reads, with progress per chapter."""
