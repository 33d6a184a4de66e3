// The catalogue of extract files (seed 000 §3.8 "Downloaden bestand"): which files a
// municipality may download, so the service can list and serve them without scanning
// directories, and never opens a path built from an unchecked name.
//
// Layout under the extract directory DIR (built by `isi-admin extract build`):
//   DIR/<gemeentecode>/catalogus.tsv   the municipality's files (listed below)
//   DIR/<gemeentecode>/isi_0034_2026-11-23.zip, signaallijst_..., isi_vanaf2011_...,
//                      termijnoverschrijdingen_... (the last two dates are kept)
//   DIR/gedeeld/catalogus.tsv          files shared by all municipalities
//   DIR/gedeeld/Diplomamodellenboek.pdf (installed by `isi-admin extract install-pdf`)
//
// catalogus.tsv is UTF-8 text, one file per line, fields separated by a tab:
//   # isi-koppeling extractcatalogus 1
//   # naam<TAB>soort<TAB>omschrijving<TAB>datum<TAB>grootte<TAB>sha256
//   isi_0034_2026-11-23.zip<TAB>isi<TAB>ISI extract in excel
//   formaat<TAB>2026-11-23<TAB>81234<TAB>9f...
// The first line is required as is; other lines starting with '#' are comments. It is written
// atomically after the files it lists, so every listed file exists and matches its size and
// SHA-256 (lower-case hex).
//
// This library depends on the model only (plus OpenSSL for SHA-256): the service links it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.h"
#include "model/status.h"

namespace isi::extract {

// The kinds of §3.8's table, in its order.
enum class ExtractKind {
  kIsi,
  kSignaallijst,
  kIsiVanaf2011,
  kTermijnoverschrijdingen,
  kDiplomamodellenboek
};

// "isi", "signaallijst", "isi_vanaf2011", "termijnoverschrijdingen", "diplomamodellenboek": the
// token in the catalogue and the prefix of the zip's name.
const char* Token(ExtractKind kind);
std::optional<ExtractKind> ParseExtractKind(std::string_view token);
// The Dutch description of §3.8's table, e.g. "ISI extract in excel formaat".
const char* Omschrijving(ExtractKind kind);
// The four generated kinds (all but the diplomamodellenboek), in §3.8's order.
const std::vector<ExtractKind>& GeneratedKinds();

// One downloadable file.
struct ExtractFile {
  std::string naam;  // file name, e.g. "isi_0034_2026-11-23.zip"; never contains '/'
  ExtractKind soort = ExtractKind::kIsi;
  std::string omschrijving;  // Omschrijving(soort)
  Date datum;                // the date the file describes (for the pdf: the install date)
  int64_t grootte = 0;       // bytes
  std::string sha256;        // 64 lower-case hex digits
};

inline constexpr const char* kCatalogueFileName = "catalogus.tsv";
inline constexpr const char* kSharedDirName = "gedeeld";
inline constexpr const char* kDiplomamodellenboekName = "Diplomamodellenboek.pdf";

// "isi_0034_2026-11-23.zip" for a generated kind.
std::string ZipName(ExtractKind kind, const std::string& gemeentecode, const Date& datum);

// The files municipality `gemeentecode` may download: its own catalogue (newest date first
// within each kind, kinds in §3.8's order), then the shared files. A municipality or shared
// directory without a catalogue contributes nothing (Ok, possibly empty). InvalidArgument for a
// gemeentecode that is not 4 digits; Internal when `dir` does not exist or a catalogue cannot be
// read or is malformed.
Status ReadCatalogue(const std::string& dir, const std::string& gemeentecode,
                     std::vector<ExtractFile>* out);

// The path of file `naam` for municipality `gemeentecode`, only when `naam` is listed in what
// ReadCatalogue returns for it (so "../x", "/etc/passwd" and another municipality's files are
// refused, whatever the file system holds). NotFound when it is not listed (or the listed file
// has disappeared); errors of ReadCatalogue otherwise. `*file` (optional) gets the entry.
Status ResolveExtract(const std::string& dir, const std::string& gemeentecode,
                      const std::string& naam, std::string* path, ExtractFile* file = nullptr);

// --- Writing (isi-admin) -------------------------------------------------------------------

// Writes `files` as the catalogue in `catalogue_dir` (a municipality's or the shared
// directory), atomically. InvalidArgument for a name that is not a plain file name.
Status WriteCatalogue(const std::string& catalogue_dir, const std::vector<ExtractFile>& files);
// Reads one catalogue file as written by WriteCatalogue; Ok and empty when it does not exist.
Status ReadCatalogueFile(const std::string& catalogue_dir, std::vector<ExtractFile>* out);

// SHA-256 (lower-case hex) and size of a file, read in blocks. Internal when it cannot be read.
Status Sha256File(const std::string& path, std::string* hex, int64_t* size);

// True for a plain file name: 1..128 characters from [A-Za-z0-9._-], not starting with '.'.
bool IsPlainFileName(std::string_view naam);

}  // namespace isi::extract
