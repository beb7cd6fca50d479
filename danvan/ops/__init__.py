"""Operations: backup, restore and the content checksum of the whole platform."""
