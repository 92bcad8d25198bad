"""Read-only doors stay read-only: each attack a hostile user tried is refused with one line,
and the warehouse, the file system and the output are left as they were.
docs/reliability.md ("Read-only doors") lists every case and its test."""
import csv
import hashlib
import os
import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from extract.ingest import read_folder
from flows.cli import main
from tests.conftest import ROOT
from warehouse.export import FORMULA_STARTS
from warehouse.lock import writer_lock

TABLES = ["documents", "events", "visits", "meetings", "event_participants", "arms_authorizations",
          "casualty_figures", "event_clusters", "rejects", "runs"]
OUTSIDE_TEXT = "outside the source folder: must never be loaded\n"


@pytest.fixture
def db(seeds_warehouse, tmp_path):
    """A copy of the seeds warehouse in a folder of its own, to attack."""
    target = tmp_path / "wh" / "events.duckdb"
    target.parent.mkdir()
    shutil.copy(seeds_warehouse, target)
    return target


def counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def tree(root: Path) -> dict[str, str]:
    """Every file under `root` with a hash of its bytes (links by their target)."""
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            out[str(path.relative_to(root))] = "-> " + os.readlink(path)
        elif path.is_file():
            out[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def assert_refused(result, *words: str) -> None:
    """Exit non-zero with one line, no traceback, saying why."""
    assert result.exit_code != 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, AssertionError)
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture
def unchanged(db, tmp_path):
    """Asserts after the test that the warehouse's rows and every file of tmp_path are as before."""
    before_counts, before_tree = counts(db), tree(tmp_path)
    yield
    assert counts(db) == before_counts
    assert tree(tmp_path) == before_tree


# --- events sql ---------------------------------------------------------------------------------

SQL_ATTACKS = {
    "attach-same-file-read-write": ("ATTACH '{db}' AS x (READ_WRITE)", "ATTACH statements are refused"),
    "delete": ("DELETE FROM events", "DELETE statements are refused"),
    "drop": ("DROP TABLE documents", "DROP statements are refused"),
    "copy-over-the-database": ("COPY (SELECT 1) TO '{db}' (FORMAT csv)", "COPY statements are refused"),
    "copy-to-a-file": ("COPY events TO '{tmp}/stolen.csv'", "COPY statements are refused"),
    "export-database": ("EXPORT DATABASE '{tmp}/dump'", "EXPORT statements are refused"),
    "install-extension": ("INSTALL httpfs", "LOAD statements are refused"),
    "load-extension": ("LOAD httpfs", "LOAD statements are refused"),
    "set-a-setting-back": ("SET enable_external_access = true", "SET statements are refused"),
    "create-temp": ("CREATE TEMP TABLE t AS SELECT 1", "CREATE statements are refused"),
    "pragma": ("PRAGMA enable_profiling", "PRAGMA statements are refused"),
    "two-statements": ("SELECT 1; DELETE FROM events", "one statement at a time: this text holds 2"),
    "attach-then-delete": ("ATTACH '{db}' AS x; DELETE FROM x.events", "one statement at a time"),
    "read-csv": ("SELECT * FROM read_csv('/etc/passwd')", "sees only the warehouse"),
    "read-text": ("SELECT content FROM read_text('/etc/passwd')", "sees only the warehouse"),
    "file-as-table": ("SELECT * FROM '/etc/passwd'", "does not exist"),  # no file scan: a missing table
    "glob": ("SELECT * FROM glob('/etc/*')", "sees only the warehouse"),
    "write-through-cte": ("WITH x AS (DELETE FROM events RETURNING *) SELECT * FROM x", "read-only"),
    "empty": ("", "no SQL statement given"),
    "only-a-comment": ("-- nothing here", "no SQL statement given"),
    "only-semicolons": (" ; ; ", "no SQL statement given"),
}


@pytest.mark.parametrize("name", SQL_ATTACKS)
def test_sql_attack_is_refused_and_changes_nothing(db, tmp_path, unchanged, name):
    query, why = SQL_ATTACKS[name]
    result = cli("sql", "--db", str(db), "--", query.format(db=db, tmp=tmp_path))
    assert_refused(result, why)
    assert "root:" not in result.output  # nothing of /etc/passwd is shown


READS = ["SELECT count(*) FROM v_events", "WITH t AS (SELECT 1 AS a) SELECT a FROM t", "FROM events LIMIT 2",
         "DESCRIBE events", "SHOW TABLES", "SUMMARIZE visits", "PIVOT events ON status USING count(*)",
         "PIVOT events ON event_type IN ('visit', 'meeting') USING count(*) GROUP BY status",
         "UNPIVOT (SELECT 1 AS a, 2 AS b) ON a, b", "EXPLAIN SELECT * FROM v_timeline", "SELECT 1;"]


@pytest.mark.parametrize("query", READS)
def test_sql_every_kind_of_read_runs(db, unchanged, query):
    result = cli("sql", query, "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith(("row)", "rows)"))


def test_sql_help_says_what_is_refused():
    result = cli("sql", "--help")
    assert "One statement that reads" in result.output and "refused before it runs" in result.output


# --- events export --------------------------------------------------------------------------------

EXPORT_ATTACKS = {
    "where-ends-the-copy": (["--where", "1=1) TO '{tmp}/x.csv' (FORMAT csv); --"], "--where must be one condition"),
    "where-attach-delete": (["--where", "1=1); ATTACH '{db}' AS x (READ_WRITE); DELETE FROM x.events; --"],
                            "--where must be one condition"),
    "where-second-statement": (["--where", "true; DROP TABLE events"], "--where must be one condition"),
    "where-order-by": (["--where", "true ORDER BY 1"], "--where must be one condition"),
    "where-union": (["--where", "true UNION SELECT * FROM documents"], "--where must be one condition"),
    "where-reads-a-file": (["--where", "event_id IN (SELECT column0 FROM read_csv('/etc/passwd'))"],
                           "disabled by configuration"),
    "where-empty": (["--where", "  "], "--where is empty"),
    "view-with-sql": (["--view", "v_events; DROP TABLE events"], "is not a table or view of the warehouse"),
    "view-attach": (["--view", "v_events) TO '{tmp}/y.csv'; ATTACH '{db}' AS x; --"], "is not a table or view"),
    "view-a-file": (["--view", "read_csv('/etc/passwd')"], "is not a table or view"),
    "out-is-the-database": (["--out", "{db}"], "is the warehouse's own file"),
    "out-is-the-wal": (["--out", "{db}.wal"], "is the warehouse's own file"),
    "out-is-the-lock": (["--out", "{db}.lock"], "is the warehouse's own file"),
    "out-links-to-the-database": (["--out", "{tmp}/link.csv"], "is the warehouse's own file"),
    "out-is-another-database": (["--out", "{tmp}/other.duckdb"], "is a DuckDB database"),
    "out-is-a-folder": (["--out", "{tmp}/folder"], "is a folder"),
}


@pytest.mark.parametrize("name", EXPORT_ATTACKS)
def test_export_attack_is_refused_and_writes_nothing(db, tmp_path, name):
    (tmp_path / "folder").mkdir()
    (tmp_path / "link.csv").symlink_to(db)
    shutil.copy(db, tmp_path / "other.duckdb")
    before_counts, before_tree = counts(db), tree(tmp_path)
    options, why = EXPORT_ATTACKS[name]
    options = [o.format(db=db, tmp=tmp_path) for o in options]
    if "--out" not in options:
        options += ["--out", str(tmp_path / "out.csv")]
    result = cli("export", "--format", "csv", "--db", str(db), *options)
    assert_refused(result, why)
    assert counts(db) == before_counts and tree(tmp_path) == before_tree


def test_report_never_writes_over_the_warehouse(db, tmp_path, unchanged):
    for target in (db, Path(f"{db}.lock"), Path(f"{db}.wal")):
        assert_refused(cli("report", "--out", str(target), "--db", str(db)), "is the warehouse's own file")


def test_a_failed_export_leaves_the_existing_file_whole(db, tmp_path):
    out = tmp_path / "events.csv"
    assert cli("export", "--format", "csv", "--out", str(out), "--db", str(db)).exit_code == 0
    before = out.read_bytes()
    assert_refused(cli("export", "--format", "csv", "--out", str(out), "--db", str(db), "--where", "nonsense ("),
                   "--where must be one condition")
    assert out.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["events.csv", "wh"]


def test_the_documented_exports_still_work(db, tmp_path, seeds_warehouse):
    """The README's and docs/warehouse.md's export commands, on the warehouse they describe."""
    arms = tmp_path / "arms.jsonl"
    result = cli("export", "--format", "jsonl", "--out", str(arms), "--db", str(db),
                 "--where", "event_type = 'arms_authorization'")
    assert result.exit_code == 0, result.output
    assert len(arms.read_text("utf-8").splitlines()) == counts(db)["arms_authorizations"]
    timeline = tmp_path / "timeline.csv"
    assert cli("export", "--format", "csv", "--out", str(timeline), "--view", "v_timeline", "--db", str(db)).exit_code == 0
    assert len(list(csv.DictReader(timeline.open(encoding="utf-8")))) == counts(db)["event_clusters"]
    listed = tmp_path / "blinken.csv"
    result = cli("export", "--format", "csv", "--out", str(listed), "--db", str(db),
                 "--where", "list_contains(participants, 'Antony Blinken') AND date_start >= DATE '2023-10-01'")
    rows = list(csv.DictReader(listed.open(encoding="utf-8")))
    assert result.exit_code == 0 and rows and all("Antony Blinken" in r["participants"] for r in rows)


def test_spreadsheet_safe_quotes_formula_cells_only_when_asked(db, tmp_path):
    with duckdb.connect(str(db)) as conn:  # a publisher and a title that a spreadsheet would run
        conn.execute("UPDATE documents SET publisher = '=HYPERLINK(\"http://x\")', title = '-2+3' "
                     "WHERE doc_id = (SELECT min(doc_id) FROM documents)")
    plain, safe = tmp_path / "plain.csv", tmp_path / "safe.csv"
    assert cli("export", "--format", "csv", "--out", str(plain), "--db", str(db), "--view", "documents").exit_code == 0
    result = cli("export", "--format", "csv", "--out", str(safe), "--db", str(db), "--view", "documents",
                 "--spreadsheet-safe")
    assert result.exit_code == 0, result.output
    plain_rows = list(csv.DictReader(plain.open(encoding="utf-8")))
    safe_rows = list(csv.DictReader(safe.open(encoding="utf-8")))
    assert {r["publisher"] for r in plain_rows} >= {'=HYPERLINK("http://x")'}  # RFC 4180: as it is
    for before, after in zip(plain_rows, safe_rows):
        for column, value in before.items():
            expected = "'" + value if value.startswith(FORMULA_STARTS) else value
            assert after[column] == expected, column
    assert any(r["title"] == "'-2+3" for r in safe_rows)
    assert_refused(cli("export", "--format", "jsonl", "--out", str(tmp_path / "x.jsonl"), "--db", str(db),
                       "--spreadsheet-safe"), "--spreadsheet-safe applies to --format csv only")


# --- events run: what ingest reads ----------------------------------------------------------------

@pytest.fixture
def folder(tmp_path):
    """A source folder with one good article, beside an outside file it must never read."""
    (tmp_path / "outside.txt").write_text(OUTSIDE_TEXT)
    source = tmp_path / "articles"
    source.mkdir()
    (source / "good.txt").write_text("Foreign Minister Ana Lima met President Otto Brandt in Quito on Monday.")
    return source


def reasons(result) -> dict[str, str]:
    return {r.source_file: r.reason for r in result.rejects}


@pytest.mark.parametrize("follow", [False, True])
def test_ingest_never_reads_a_link_that_leaves_the_folder(folder, follow):
    (folder / "link.txt").symlink_to(folder.parent / "outside.txt")
    (folder / "abs.txt").symlink_to("/etc/passwd")
    (folder / "dangling.txt").symlink_to(folder.parent / "nothing-here.txt")
    result = read_folder(folder, follow_symlinks=follow)
    assert [d.source_file for d in result.documents] == ["good.txt"]
    assert all(OUTSIDE_TEXT.strip() not in d.text and "root:" not in d.text for d in result.documents)
    leaves = "is a symbolic link that leaves the source folder" if follow else "links are not followed"
    assert reasons(result) == {name: reasons(result)[name] for name in ("abs.txt", "dangling.txt", "link.txt")}
    assert all(leaves in reason for reason in reasons(result).values())


def test_ingest_reads_a_link_inside_the_folder_only_when_asked(folder):
    (folder / "z_alias.txt").symlink_to(folder / "good.txt")
    assert "links are not followed" in reasons(read_folder(folder))["z_alias.txt"]
    followed = read_folder(folder, follow_symlinks=True)
    assert "duplicate of good.txt" in reasons(followed)["z_alias.txt"]  # read, and the same text as good.txt


def test_ingest_rejects_fifos_devices_and_folders_without_blocking(folder):
    os.mkfifo(folder / "pipe.txt")  # opening a FIFO for reading would wait for a writer for ever
    (folder / "sub.txt").mkdir()
    (folder / "zero.txt").symlink_to("/dev/zero")
    result = read_folder(folder, follow_symlinks=True)
    assert [d.source_file for d in result.documents] == ["good.txt"]
    assert "not a regular file" in reasons(result)["pipe.txt"]
    assert "is a folder" in reasons(result)["sub.txt"]
    assert "leaves the source folder" in reasons(result)["zero.txt"]


def test_manifest_paths_that_leave_the_folder_are_rejects_that_reveal_nothing(folder):
    names = ["../outside.txt", "../no-such-file.txt", "/etc/passwd", "/no/such/file.txt", "sub/good.txt"]
    (folder / "manifest.csv").write_text("file,source,title,url,published\n"
                                         + "".join(f"{n},Wire,,,2024-01-01\n" for n in names)
                                         + "good.txt,Wire,,,2024-03-11\n")
    result = read_folder(folder)
    assert [(d.source_file, str(d.published)) for d in result.documents] == [("good.txt", "2024-03-11")]
    got = {name: reason.split(" ", 3)[3] for name, reason in reasons(result).items()}  # without "manifest.csv line N"
    assert set(got) == set(names)
    assert len(set(got.values())) == 1 and "names a path, not a file of the source folder" in got["/etc/passwd"]


def test_a_manifest_that_is_a_link_out_of_the_folder_is_not_read(folder):
    (folder / "manifest.csv").symlink_to("/etc/passwd")
    result = read_folder(folder)
    assert [d.source_file for d in result.documents] == ["good.txt"] and result.documents[0].publisher is None
    assert "manifest.csv is a symbolic link" in reasons(result)["manifest.csv"]


def test_a_lock_file_that_is_a_link_is_never_followed(db, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    Path(f"{db}.lock").symlink_to(victim)
    with pytest.raises(Exception, match="is a symbolic link; it is never followed"):
        with writer_lock(db, 1):
            pass
    result = cli("run", str(ROOT / "seeds"), "--db", str(db), "--lock-wait", "1")  # refused before Prefect starts
    assert_refused(result, "is a symbolic link; it is never followed")
    assert victim.read_text() == "precious\n"


# --- events eval ------------------------------------------------------------------------------------

@pytest.mark.parametrize("gold", ["/etc/passwd", "{db}", "{tmp}"])
def test_eval_on_a_file_that_is_not_gold_is_one_line(db, tmp_path, gold):
    result = cli("eval", "--gold", gold.format(db=db, tmp=tmp_path), "--docs", str(ROOT / "seeds"))
    assert_refused(result, "gold")
