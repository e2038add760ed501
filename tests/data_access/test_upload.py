"""Loading from the browser on both databases: good uploads load, and every hostile one is refused with
a clear problem and leaves the database exactly as it was."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from data_access.engine import data_version, make_engine
from data_access.load import load_dataset
from data_access.load_history import load_history
from data_access.problems import DatasetInvalidError
from data_access.schema import DATA_TABLES, dataset_loads
from data_access.upload import UploadBusyError, UploadedFile, UploadLimits, load_upload, upload_lock
from tests.dataset_builder import valid_rows, write_csv_dataset, write_xlsx_dataset
from tests.quality_example import write_planted_dataset

LIMITS = UploadLimits(max_upload_bytes=1_000_000, max_zip_files=10, max_unzipped_bytes=2_000_000)


@pytest.fixture
def loaded(database_url: str, tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    """The planted dataset loaded: an upload must replace it, or leave it exactly as it is."""
    load_dataset(write_planted_dataset(tmp_path / "before"), database_url, replace=True)
    engine = make_engine(database_url, read_only=True)  # as the app holds it, while uploads write
    yield database_url, engine
    engine.dispose()


def _state(engine: Engine) -> tuple:
    with engine.connect() as connection:
        rows = tuple(connection.execute(select(func.count()).select_from(table)).scalar() for table in DATA_TABLES)
        loads = connection.execute(select(func.count()).select_from(dataset_loads)).scalar()
    return data_version(engine), rows, loads


def _csv_files(tmp_path: Path, rows=None) -> list[UploadedFile]:
    folder = write_csv_dataset(tmp_path / "upload", rows)
    return [UploadedFile(path.name, path.read_bytes()) for path in sorted(folder.iterdir())]


def _zip(entries: dict[str, bytes]) -> UploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return UploadedFile("dataset.zip", buffer.getvalue())


def _refused(loaded: tuple[str, Engine], files: list[UploadedFile], words: str,
             limits: UploadLimits = LIMITS) -> None:
    url, engine = loaded
    before = _state(engine)
    with pytest.raises(DatasetInvalidError) as refused:
        load_upload(files, url, limits=limits)
    assert words in refused.value.report(), refused.value.report()
    assert _state(engine) == before


def test_csv_upload_replaces_the_dataset_and_is_recorded_in_the_history(loaded, tmp_path):
    url, engine = loaded
    summary = load_upload(_csv_files(tmp_path), url, limits=LIMITS, loaded_by="ada@example.org")
    assert summary.database_rows["referrals"] == len(valid_rows()["referrals"])
    latest = load_history(engine).iloc[0]
    assert latest["loaded_by"] == "ada@example.org"
    assert latest["source"].startswith("upload: caseload.csv, interventions.csv")
    assert str(latest["data_as_of"]) == "2024-06-20"  # the valid dataset's latest date (R1's end)
    assert latest["seconds"] > 0
    assert latest["referrals"] == 5 and latest["people"] == 3
    assert len(load_history(engine)) == 2


def test_zip_in_a_folder_and_workbook_uploads_load(loaded, tmp_path):
    url, engine = loaded
    files = {f"extract/{item.name}": item.content for item in _csv_files(tmp_path)}
    assert load_upload([_zip(files)], url, limits=LIMITS).database_rows["people"] == 3
    workbook = write_xlsx_dataset(tmp_path / "dataset.xlsx")
    assert load_upload([UploadedFile("Dataset.xlsx", workbook.read_bytes())], url,
                       limits=LIMITS).database_rows["people"] == 3
    assert load_history(engine)["source"].iloc[0] == "upload: Dataset.xlsx"


def test_a_dataset_that_breaks_the_contract_changes_nothing(loaded, tmp_path):
    rows = valid_rows()
    rows["referrals"][0]["outcome"] = "finished"
    _refused(loaded, _csv_files(tmp_path, rows), "referrals.csv, row 2, column outcome")


def test_wrong_encoding_is_refused(loaded, tmp_path):
    files = _csv_files(tmp_path)
    people = next(item for item in files if item.name == "people.csv")
    latin1 = people.content.decode("utf-8").replace("white", "whïte").encode("latin-1")
    files[files.index(people)] = UploadedFile("people.csv", latin1)
    _refused(loaded, files, "UTF-8")


def test_an_upload_over_the_size_limit_is_refused(loaded, tmp_path):
    _refused(loaded, _csv_files(tmp_path), "over the 0 MB limit",
             limits=UploadLimits(max_upload_bytes=1000, max_zip_files=10, max_unzipped_bytes=10_000))


def test_a_zip_bomb_is_refused_by_its_unpacked_size(loaded, tmp_path):
    bomb = _zip({"referrals.csv": b"0" * 5_000_000})  # 5 MB of zeros compress to a few kB
    assert len(bomb.content) < 50_000
    _refused(loaded, [bomb], "would unpack to 5 MB, over the 2 MB limit")


def test_a_zip_with_too_many_files_is_refused(loaded):
    _refused(loaded, [_zip({f"file{number}.csv": b"a\n" for number in range(11)})], "holds 11 files, over the limit")


@pytest.mark.parametrize("name", ["../referrals.csv", "/etc/referrals.csv", "data/../../referrals.csv",
                                  "C:\\temp\\referrals.csv", "..\\referrals.csv"])
def test_path_traversal_in_zip_entries_is_refused(loaded, tmp_path, name):
    files = {item.name: item.content for item in _csv_files(tmp_path) if item.name != "referrals.csv"}
    files[name] = next(item.content for item in _csv_files(tmp_path) if item.name == "referrals.csv")
    _refused(loaded, [_zip(files)], "absolute or climbs out of the folder")
    assert not (tmp_path.parent / "referrals.csv").exists()


def test_unknown_files_are_refused(loaded, tmp_path):
    _refused(loaded, [*_csv_files(tmp_path), UploadedFile("notes.csv", b"a,b\n1,2\n")],
             "not a file of the data contract")


def test_duplicate_files_are_refused(loaded, tmp_path):
    files = _csv_files(tmp_path)
    _refused(loaded, [*files, UploadedFile("Referrals.csv", files[-1].content)], "in the upload twice")
    nested = {f"a/{item.name}": item.content for item in files} | {"b/people.csv": files[0].content}
    _refused(loaded, [_zip(nested)], "in the upload twice")


def test_empty_uploads_are_refused(loaded, tmp_path):
    _refused(loaded, [], "the upload is empty")
    _refused(loaded, [*_csv_files(tmp_path)[:-1], UploadedFile("referrals.csv", b"")], "the file is empty")


def test_a_zip_beside_other_files_or_a_broken_zip_is_refused(loaded, tmp_path):
    files = _csv_files(tmp_path)
    _refused(loaded, [_zip({item.name: item.content for item in files}), files[0]], "upload one .zip")
    _refused(loaded, [UploadedFile("dataset.zip", b"not a zip at all")], "not a readable zip file")


def test_a_second_upload_while_one_loads_is_refused(loaded, tmp_path):
    url, engine = loaded
    before = _state(engine)
    with upload_lock(url), pytest.raises(UploadBusyError, match="Another upload is being loaded"):
        load_upload(_csv_files(tmp_path), url, limits=LIMITS)
    assert _state(engine) == before
    load_upload(_csv_files(tmp_path), url, limits=LIMITS)  # the lock is free again afterwards
    assert _state(engine) != before
