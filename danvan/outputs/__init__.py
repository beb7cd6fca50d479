"""What leaves the platform, written one way: NĐ 30/2020 documents (:mod:`.nd30`) and
spreadsheets (:mod:`.xlsx`). Every export of every app goes through these."""
