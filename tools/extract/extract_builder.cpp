#include "tools/extract/extract_builder.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "model/identifiers.h"
#include "store/atomic_file.h"
#include "tools/extract/csv_writer.h"
#include "tools/extract/extract_tables.h"
#include "tools/extract/extract_texts.h"
#include "tools/extract/xlsx_writer.h"
#include "tools/extract/zip_writer.h"

namespace isi::extract {
namespace {

namespace fs = std::filesystem;

Status MakeDirs(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::Internal("kan map " + dir + " niet maken: " + ec.message());
  return Status::Ok();
}

// A private directory for the data files, removed with its contents on destruction.
class WorkDir {
 public:
  WorkDir() = default;
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;
  ~WorkDir() {
    if (path_.empty()) return;
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  Status Create(const std::string& parent) {
    std::string templ = parent + "/" + kTempPrefix + "work-XXXXXX";
    if (::mkdtemp(templ.data()) == nullptr) {
      return Status::Internal("kan werkmap niet maken in " + parent + ": " + std::strerror(errno));
    }
    path_ = templ;
    return Status::Ok();
  }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The name of the data file inside the zip: the zip's name with the data extension.
std::string DataName(ExtractKind kind, const std::string& gemeentecode, const Date& datum) {
  const std::string zip = ZipName(kind, gemeentecode, datum);
  return zip.substr(0, zip.size() - 4) + (kind == ExtractKind::kIsi ? ".xlsx" : ".csv");
}

// One zip, complete under its temporary name, waiting to be published.
struct Staged {
  ExtractFile file;
  StagedFile staged;
};

Status StageZip(ExtractKind kind, const BuildOptions& o, const std::string& dir,
                const std::string& data_path, Staged* out) {
  const std::string name = ZipName(kind, o.gemeentecode, o.datum);
  if (Status s = StagedFile::Create(dir + "/" + name, &out->staged); !s.ok()) return s;
  std::vector<ZipEntry> entries = {
      {DataName(kind, o.gemeentecode, o.datum), data_path, {}},
      {kLegendaName, {}, LegendText(kind, o.gemeentecode, o.datum)},
      {kDisclaimerName, {}, DisclaimerText()},
  };
  if (Status s = WriteZip(out->staged.temp_path(), entries, o.now); !s.ok()) return s;
  out->file.naam = name;
  out->file.soort = kind;
  out->file.omschrijving = Omschrijving(kind);
  out->file.datum = o.datum;
  return Sha256File(out->staged.temp_path(), &out->file.sha256, &out->file.grootte);
}

// Kinds in §3.8's order, then newest date first.
bool CatalogueOrder(const ExtractFile& a, const ExtractFile& b) {
  if (a.soort != b.soort) return a.soort < b.soort;
  if (a.datum != b.datum) return a.datum > b.datum;
  return a.naam < b.naam;
}

// True for "<kind>_<gemeentecode>_YYYY-MM-DD.zip" of a generated kind: the files builds own.
bool IsBuiltZipName(const std::string& name, const std::string& gemeentecode) {
  for (ExtractKind kind : GeneratedKinds()) {
    const std::string prefix = std::string(Token(kind)) + "_" + gemeentecode + "_";
    if (!name.starts_with(prefix) || !name.ends_with(".zip")) continue;
    const std::string date = name.substr(prefix.size(), name.size() - prefix.size() - 4);
    if (Date::Parse(date)) return true;
  }
  return false;
}

// Everything the dossier pass writes.
class DossierSink {
 public:
  Status Open(const WorkDir& work, const BuildOptions& o) {
    if (Status s =
            XlsxWorkbook::Create(work.File(DataName(ExtractKind::kIsi, o.gemeentecode, o.datum)),
                                 work.path(), o.now, &book_);
        !s.ok()) {
      return s;
    }
    const IsiSheets& s = IsiExtractSheets();
    personen_ = AddSheet("Personen", s.personen, o);
    handhaving_ = AddSheet("Handhaving", s.handhaving, o);
    verlengingen_ = AddSheet("Verlengingen", s.verlengingen, o);
    voorzieningen_ = AddSheet("Voorzieningen", s.voorzieningen, o);
    vrijstellingen_ = AddSheet("Vrijstellingen", s.vrijstellingen, o);
    boetes_ = AddSheet("Boetes", s.boetes, o);
    examens_ = AddSheet("Examens", s.examens, o);
    vanaf2011_path_ = work.File(DataName(ExtractKind::kIsiVanaf2011, o.gemeentecode, o.datum));
    termijn_path_ =
        work.File(DataName(ExtractKind::kTermijnoverschrijdingen, o.gemeentecode, o.datum));
    if (Status st = vanaf2011_.Open(vanaf2011_path_, Headers(Vanaf2011Columns())); !st.ok()) {
      return st;
    }
    return termijn_.Open(termijn_path_, Headers(TermijnoverschrijdingenColumns()));
  }

  Status Write(const Dossier& d, const Date& peildatum) {
    const IsiSheets& s = IsiExtractSheets();
    if (Status st = WriteRow(s.personen, d, *personen_); !st.ok()) return st;
    if (d.handhaving) {
      if (Status st = WriteRow(s.handhaving, d, *handhaving_); !st.ok()) return st;
      if (Status st = WriteSubRows(s.verlengingen, d, d.handhaving->verlengingen, *verlengingen_);
          !st.ok()) {
        return st;
      }
    }
    if (Status st = WriteSubRows(s.voorzieningen, d, d.voorzieningen, *voorzieningen_); !st.ok()) {
      return st;
    }
    if (Status st = WriteSubRows(s.vrijstellingen, d, d.vrijstellingen, *vrijstellingen_);
        !st.ok()) {
      return st;
    }
    if (Status st = WriteSubRows(s.boetes, d, d.boetes, *boetes_); !st.ok()) return st;
    if (Status st = WriteSubRows(s.examens, d, d.examens.onderdelen, *examens_); !st.ok()) {
      return st;
    }
    if (IsVanaf2011(d)) {
      if (Status st = WriteRow(Vanaf2011Columns(), d, vanaf2011_); !st.ok()) return st;
    }
    if (IsTermijnoverschrijding(d, peildatum)) {
      TermijnRij row{d, peildatum, TermijnGroepen(d, peildatum)};
      if (Status st = WriteRow(TermijnoverschrijdingenColumns(), row, termijn_); !st.ok()) {
        return st;
      }
    }
    return Status::Ok();
  }

  Status Close() {
    Status s = book_->Close();
    Status v = vanaf2011_.Close();
    Status t = termijn_.Close();
    if (!s.ok()) return s;
    return v.ok() ? t : v;
  }

  int64_t personen() const { return personen_->rows(); }
  int64_t vanaf2011() const { return vanaf2011_.rows(); }
  int64_t termijn() const { return termijn_.rows(); }
  const std::string& vanaf2011_path() const { return vanaf2011_path_; }
  const std::string& termijn_path() const { return termijn_path_; }

 private:
  template <typename Row>
  XlsxSheet* AddSheet(const char* name, const Columns<Row>& columns, const BuildOptions& o) {
    return book_->AddSheet(name, Headers(columns), Widths(columns), o.xlsx_max_rows);
  }

  template <typename T>
  static Status WriteSubRows(const Columns<SubRow<T>>& columns, const Dossier& d,
                             const std::vector<T>& records, XlsxSheet& sheet) {
    for (const T& r : records) {
      if (Status s = WriteRow(columns, SubRow<T>{d, r}, sheet); !s.ok()) return s;
    }
    return Status::Ok();
  }

  std::unique_ptr<XlsxWorkbook> book_;
  XlsxSheet* personen_ = nullptr;
  XlsxSheet* handhaving_ = nullptr;
  XlsxSheet* verlengingen_ = nullptr;
  XlsxSheet* voorzieningen_ = nullptr;
  XlsxSheet* vrijstellingen_ = nullptr;
  XlsxSheet* boetes_ = nullptr;
  XlsxSheet* examens_ = nullptr;
  CsvWriter vanaf2011_;
  CsvWriter termijn_;
  std::string vanaf2011_path_;
  std::string termijn_path_;
};

}  // namespace

Status BuildExtracts(Store* store, const BuildOptions& o, BuildResult* result) {
  *result = BuildResult{};
  if (!IsWellFormedGemeentecode(o.gemeentecode)) {
    return Status::InvalidArgument("gemeentecode moet 4 cijfers zijn", "gemeentecode");
  }
  if (o.keep_dates < 1) return Status::InvalidArgument("keep_dates moet >= 1 zijn", "keep_dates");
  const std::string dir = o.dir + "/" + o.gemeentecode;
  if (Status s = MakeDirs(dir); !s.ok()) return s;
  DirectoryLock lock;
  if (Status s = lock.Acquire(dir); !s.ok()) return s;
  RemoveStaleTempFiles(dir);  // of killed builds; we hold the lock, so none is running
  WorkDir work;
  if (Status s = work.Create(dir); !s.ok()) return s;

  // Pass 1: dossiers into the xlsx and the two person CSVs.
  DossierSink sink;
  if (Status s = sink.Open(work, o); !s.ok()) return s;
  int64_t seen = 0;
  Status s = store->ForEachDossier(o.gemeentecode, [&](const Dossier& d) {
    if (Status st = sink.Write(d, o.datum); !st.ok()) return st;
    ++seen;
    if (o.progress && o.progress_every > 0 && seen % o.progress_every == 0) o.progress(seen);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (o.progress) o.progress(seen);
  if (s = sink.Close(); !s.ok()) return s;

  // Pass 2: signals into the Signaallijst.
  const std::string signalen_path =
      work.File(DataName(ExtractKind::kSignaallijst, o.gemeentecode, o.datum));
  CsvWriter signalen;
  if (s = signalen.Open(signalen_path, Headers(SignaallijstColumns())); !s.ok()) return s;
  s = store->ForEachSignal(o.gemeentecode, [&](const SignaalRij& r) {
    return WriteRow(SignaallijstColumns(), r, signalen);
  });
  if (!s.ok()) return s;
  if (s = signalen.Close(); !s.ok()) return s;

  // Zip all four under temporary names; publish only when all are complete.
  const std::string isi_path = work.File(DataName(ExtractKind::kIsi, o.gemeentecode, o.datum));
  const std::pair<ExtractKind, std::string> data[] = {
      {ExtractKind::kIsi, isi_path},
      {ExtractKind::kSignaallijst, signalen_path},
      {ExtractKind::kIsiVanaf2011, sink.vanaf2011_path()},
      {ExtractKind::kTermijnoverschrijdingen, sink.termijn_path()},
  };
  std::vector<Staged> staged(std::size(data));
  for (size_t i = 0; i < std::size(data); ++i) {
    if (s = StageZip(data[i].first, o, dir, data[i].second, &staged[i]); !s.ok()) return s;
  }

  std::vector<ExtractFile> listed;
  if (s = ReadCatalogueFile(dir, &listed); !s.ok()) return s;
  for (Staged& z : staged) {
    if (s = z.staged.Publish(); !s.ok()) return s;
    result->files.push_back(z.file);
  }

  // The new catalogue: this build's files plus the other kept dates' files (that still exist).
  std::erase_if(listed, [&](const ExtractFile& f) {
    std::error_code exists_ec;
    return f.datum == o.datum || !fs::is_regular_file(dir + "/" + f.naam, exists_ec);
  });
  listed.insert(listed.end(), result->files.begin(), result->files.end());
  std::set<Date, std::greater<>> dates;
  for (const ExtractFile& f : listed) dates.insert(f.datum);
  while (dates.size() > static_cast<size_t>(o.keep_dates)) dates.erase(std::prev(dates.end()));
  std::erase_if(listed, [&](const ExtractFile& f) { return !dates.contains(f.datum); });
  std::sort(listed.begin(), listed.end(), CatalogueOrder);
  if (s = WriteCatalogue(dir, listed); !s.ok()) return s;

  // Only now remove what the catalogue no longer lists.
  std::set<std::string> keep;
  for (const ExtractFile& f : listed) keep.insert(f.naam);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (IsBuiltZipName(name, o.gemeentecode) && !keep.contains(name)) {
      result->removed.push_back(name);
    }
  }
  std::sort(result->removed.begin(), result->removed.end());
  for (const std::string& name : result->removed) fs::remove(dir + "/" + name, ec);
  if (!result->removed.empty()) {
    if (s = SyncDirectory(dir); !s.ok()) return s;
  }

  result->personen = sink.personen();
  result->vanaf2011 = sink.vanaf2011();
  result->termijnoverschrijdingen = sink.termijn();
  result->signalen = signalen.rows();
  return Status::Ok();
}

Status InstallDiplomamodellenboek(const std::string& dir, const std::string& pdf_path,
                                  const Date& datum, ExtractFile* installed) {
  std::ifstream in(pdf_path, std::ios::binary);
  if (!in) return Status::InvalidArgument("kan " + pdf_path + " niet lezen", "file");
  char magic[5] = {};
  in.read(magic, sizeof magic);
  if (in.gcount() != 5 || std::string_view(magic, 5) != "%PDF-") {
    return Status::InvalidArgument(pdf_path + " is geen PDF (begint niet met %PDF-)", "file");
  }
  in.seekg(0);

  const std::string shared = dir + "/" + kSharedDirName;
  if (Status s = MakeDirs(shared); !s.ok()) return s;
  DirectoryLock lock;
  if (Status s = lock.Acquire(shared); !s.ok()) return s;
  RemoveStaleTempFiles(shared);

  StagedFile staged;
  if (Status s = StagedFile::Create(shared + "/" + kDiplomamodellenboekName, &staged); !s.ok()) {
    return s;
  }
  {
    std::ofstream out(staged.temp_path(), std::ios::binary | std::ios::trunc);
    out << in.rdbuf();
    out.flush();
    if (!out || in.bad()) return Status::Internal("kan " + pdf_path + " niet kopiëren");
  }
  ExtractFile f;
  f.naam = kDiplomamodellenboekName;
  f.soort = ExtractKind::kDiplomamodellenboek;
  f.omschrijving = Omschrijving(f.soort);
  f.datum = datum;
  if (Status s = Sha256File(staged.temp_path(), &f.sha256, &f.grootte); !s.ok()) return s;
  if (Status s = staged.Publish(); !s.ok()) return s;
  if (Status s = WriteCatalogue(shared, {f}); !s.ok()) return s;
  *installed = f;
  return Status::Ok();
}

}  // namespace isi::extract
