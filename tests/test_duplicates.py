"""Near-duplicate articles (#38): MinHash over word shingles, in input order."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from nlp_news.duplicates import DuplicateFinder, check_threshold

STORY = ("Polisi menangkap dua tersangka pencurian sepeda motor di Kecamatan Cibinong, "
         "Kabupaten Bogor, pada Senin malam. Kapolsek Cibinong mengatakan kedua tersangka sudah "
         "lama diincar karena beraksi di sejumlah tempat parkir pasar. Dari tangan tersangka, "
         "polisi menyita tiga unit sepeda motor, kunci leter T dan dua telepon genggam. Warga "
         "sekitar mengaku lega karena pencurian sepeda motor di pasar itu sudah meresahkan sejak "
         "awal tahun. Kedua tersangka kini ditahan di Markas Polsek Cibinong untuk menjalani "
         "pemeriksaan lebih lanjut oleh penyidik.")
#: the same story, one sentence changed (as a regional site re-posts wire copy)
COPY = STORY.replace("pada Senin malam", "pada Senin malam sekitar pukul 22.00 WIB")
OTHER = ("Pemerintah Kota Surabaya membuka lima taman baru di kawasan timur kota untuk warga. "
         "Wali Kota mengatakan taman itu dilengkapi lapangan olahraga, perpustakaan kecil dan "
         "jalur sepeda. Taman dibuka setiap hari dari pukul 06.00 hingga 22.00 WIB dan tidak "
         "dipungut biaya. Dinas Lingkungan Hidup menanam lebih dari dua ribu pohon peneduh di "
         "lima taman tersebut. Warga berharap taman baru itu dijaga kebersihannya agar tetap "
         "nyaman dikunjungi anak-anak.")


def test_a_copy_with_one_sentence_changed_is_a_duplicate_of_the_first():
    finder = DuplicateFinder()
    assert finder.check("asli", STORY) is None
    assert finder.check("lain", OTHER) is None
    assert finder.check("salinan", COPY) == "asli"
    assert finder.check("salinan-2", STORY) == "asli"  # the earliest, not the last
    assert len(finder) == 2


def test_short_and_empty_articles_are_never_duplicates():
    finder = DuplicateFinder()
    short = "Polisi menangkap dua tersangka di Cibinong."
    assert finder.check("a", short) is None
    assert finder.check("b", short) is None
    assert finder.check("c", "") is None
    assert len(finder) == 0


@pytest.mark.parametrize("bad", [0, -0.5, 1.01])
def test_a_threshold_outside_zero_one_is_refused(bad):
    with pytest.raises(ValueError, match=r"in \(0, 1\]"):
        check_threshold(bad)


def _dump(tmp_path):
    rows = [{"id": "asli", "text": STORY, "source": "kabarbogor"},
            {"id": "lain", "text": OTHER, "source": "suarasurabaya"},
            {"id": "salinan", "text": COPY, "source": "beritajabar"}]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    return path


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "nlp_news", "annotate", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_the_cli_marks_and_skips_duplicates_and_counts_stories(tmp_path):
    dump = _dump(tmp_path)
    out = tmp_path / "out"
    result = _cli(dump, "--out", out, "--no-ner", "--chunk-size", "1", "--skip-duplicates")
    assert result.returncode == 0, result.stderr
    assert "1 near duplicates skipped" in result.stderr
    docs = pd.read_csv(out / "documents.csv")
    assert docs["duplicate_of"].fillna("").tolist() == ["", "", "asli"]
    assert docs["status"].tolist() == ["ok", "ok", "skipped"]
    assert docs.loc[2, "n_entities"] == 0
    kept = tmp_path / "kept"
    assert _cli(dump, "--out", kept, "--no-ner").returncode == 0
    summary = pd.read_csv(kept / "entity_summary.csv").set_index("canonical_id")
    bogor = summary.loc["LOC:kabupaten-bogor"]
    assert (bogor.documents, bogor.stories) == (2, 1)  # the copy counts once as a story


def test_a_bad_threshold_on_the_command_line_is_a_usage_error(tmp_path):
    result = _cli(_dump(tmp_path), "--out", tmp_path / "out", "--no-ner",
                  "--duplicate-threshold", "0")
    assert result.returncode == 2 and "(0, 1]" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_api_marks_duplicates(rules_pipeline):
    from nlp_news import annotate

    ann = annotate([{"id": "asli", "text": STORY}, {"id": "salinan", "text": COPY}],
                   pipeline=rules_pipeline)
    assert ann.documents["duplicate_of"].fillna("").tolist() == ["", "asli"]
