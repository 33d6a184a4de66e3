#include "store/extract_catalogue.h"

#include <openssl/evp.h>
#include <sys/stat.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>

#include "model/identifiers.h"
#include "store/atomic_file.h"

namespace isi::extract {
namespace {

constexpr const char* kMagic = "# isi-koppeling extractcatalogus 1";
constexpr const char* kColumnsComment = "# naam\tsoort\tomschrijving\tdatum\tgrootte\tsha256";

struct KindInfo {
  ExtractKind kind;
  const char* token;
  const char* omschrijving;
};

// §3.8's table.
constexpr KindInfo kKinds[] = {
    {ExtractKind::kIsi, "isi", "ISI extract in excel formaat"},
    {ExtractKind::kSignaallijst, "signaallijst", "Signaallijst in csv formaat"},
    {ExtractKind::kIsiVanaf2011, "isi_vanaf2011", "ISI_VANAF2011 extract in csv formaat"},
    {ExtractKind::kTermijnoverschrijdingen, "termijnoverschrijdingen",
     "Termijnoverschrijdingen in csv formaat"},
    {ExtractKind::kDiplomamodellenboek, "diplomamodellenboek",
     "Diplomamodellenboek in PDF formaat"},
};

const KindInfo& Info(ExtractKind kind) {
  for (const KindInfo& k : kKinds) {
    if (k.kind == kind) return k;
  }
  return kKinds[0];  // unreachable: every enumerator is in the table
}

bool IsLowerHex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  for (;;) {
    const size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

Status Malformed(const std::string& path, int line_no, const char* what) {
  return Status::Internal("catalogus " + path + " regel " + std::to_string(line_no) +
                          " is ongeldig: " + what);
}

Status ParseLine(const std::string& path, int line_no, std::string_view line, ExtractFile* out) {
  const std::vector<std::string_view> f = SplitTabs(line);
  if (f.size() != 6) return Malformed(path, line_no, "verwacht 6 velden");
  if (!IsPlainFileName(f[0])) return Malformed(path, line_no, "naam");
  std::optional<ExtractKind> kind = ParseExtractKind(f[1]);
  if (!kind) return Malformed(path, line_no, "soort");
  std::optional<Date> datum = Date::Parse(f[3]);
  if (!datum) return Malformed(path, line_no, "datum");
  int64_t size = -1;
  auto [end, ec] = std::from_chars(f[4].data(), f[4].data() + f[4].size(), size);
  if (ec != std::errc() || end != f[4].data() + f[4].size() || size < 0) {
    return Malformed(path, line_no, "grootte");
  }
  if (!IsLowerHex64(f[5])) return Malformed(path, line_no, "sha256");
  out->naam = std::string(f[0]);
  out->soort = *kind;
  out->omschrijving = std::string(f[2]);
  out->datum = *datum;
  out->grootte = size;
  out->sha256 = std::string(f[5]);
  return Status::Ok();
}

bool IsDirectory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool IsRegularFile(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

const char* Token(ExtractKind kind) { return Info(kind).token; }

std::optional<ExtractKind> ParseExtractKind(std::string_view token) {
  for (const KindInfo& k : kKinds) {
    if (token == k.token) return k.kind;
  }
  return std::nullopt;
}

const char* Omschrijving(ExtractKind kind) { return Info(kind).omschrijving; }

const std::vector<ExtractKind>& GeneratedKinds() {
  static const std::vector<ExtractKind> kGenerated = {ExtractKind::kIsi, ExtractKind::kSignaallijst,
                                                      ExtractKind::kIsiVanaf2011,
                                                      ExtractKind::kTermijnoverschrijdingen};
  return kGenerated;
}

std::string ZipName(ExtractKind kind, const std::string& gemeentecode, const Date& datum) {
  return std::string(Token(kind)) + "_" + gemeentecode + "_" + datum.ToString() + ".zip";
}

bool IsPlainFileName(std::string_view naam) {
  if (naam.empty() || naam.size() > 128 || naam.front() == '.') return false;
  for (char c : naam) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Status ReadCatalogueFile(const std::string& catalogue_dir, std::vector<ExtractFile>* out) {
  out->clear();
  const std::string path = catalogue_dir + "/" + kCatalogueFileName;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::Ok();  // nothing built or installed here yet
    return Status::Internal("kan catalogus " + path + " niet lezen: " + std::strerror(errno));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Internal("kan catalogus " + path + " niet openen");
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1) {
      if (line != kMagic) return Malformed(path, 1, "geen extractcatalogus (kop ontbreekt)");
      continue;
    }
    if (line.empty() || line.front() == '#') continue;
    ExtractFile file;
    if (Status s = ParseLine(path, line_no, line, &file); !s.ok()) return s;
    out->push_back(std::move(file));
  }
  if (in.bad()) return Status::Internal("kan catalogus " + path + " niet lezen");
  if (line_no == 0) return Malformed(path, 1, "leeg bestand");
  return Status::Ok();
}

Status ReadCatalogue(const std::string& dir, const std::string& gemeentecode,
                     std::vector<ExtractFile>* out) {
  out->clear();
  if (!IsWellFormedGemeentecode(gemeentecode)) {
    return Status::InvalidArgument("gemeentecode moet 4 cijfers zijn", "gemeentecode");
  }
  if (!IsDirectory(dir)) return Status::Internal("extractmap " + dir + " bestaat niet");
  std::vector<ExtractFile> own;
  if (Status s = ReadCatalogueFile(dir + "/" + gemeentecode, &own); !s.ok()) return s;
  std::vector<ExtractFile> shared;
  if (Status s = ReadCatalogueFile(dir + "/" + kSharedDirName, &shared); !s.ok()) return s;
  *out = std::move(own);
  out->insert(out->end(), shared.begin(), shared.end());
  return Status::Ok();
}

Status ResolveExtract(const std::string& dir, const std::string& gemeentecode,
                      const std::string& naam, std::string* path, ExtractFile* file) {
  // Cheap refusal first; the catalogue check below is what really decides.
  if (!IsWellFormedGemeentecode(gemeentecode)) {
    return Status::InvalidArgument("gemeentecode moet 4 cijfers zijn", "gemeentecode");
  }
  if (!IsPlainFileName(naam)) return Status::NotFound("bestand niet gevonden");
  if (!IsDirectory(dir)) return Status::Internal("extractmap " + dir + " bestaat niet");
  // The municipality's own catalogue, then the shared one; the path is built from the listed
  // entry's directory, never from a directory the caller chose.
  std::vector<ExtractFile> listed;
  for (const char* sub : {gemeentecode.c_str(), kSharedDirName}) {
    const std::string catalogue_dir = dir + "/" + sub;
    if (Status s = ReadCatalogueFile(catalogue_dir, &listed); !s.ok()) return s;
    for (const ExtractFile& f : listed) {
      if (f.naam != naam) continue;
      const std::string p = catalogue_dir + "/" + f.naam;
      if (!IsRegularFile(p)) return Status::NotFound("bestand niet gevonden");
      *path = p;
      if (file != nullptr) *file = f;
      return Status::Ok();
    }
  }
  return Status::NotFound("bestand niet gevonden");
}

Status WriteCatalogue(const std::string& catalogue_dir, const std::vector<ExtractFile>& files) {
  std::string text = std::string(kMagic) + "\n" + kColumnsComment + "\n";
  for (const ExtractFile& f : files) {
    if (!IsPlainFileName(f.naam)) {
      return Status::InvalidArgument("geen geldige bestandsnaam: " + f.naam, "naam");
    }
    if (f.omschrijving.find_first_of("\t\r\n") != std::string::npos) {
      return Status::InvalidArgument("omschrijving bevat tab of regeleinde", "omschrijving");
    }
    if (!IsLowerHex64(f.sha256)) return Status::InvalidArgument("ongeldige sha256", "sha256");
    text += f.naam + "\t" + Token(f.soort) + "\t" + f.omschrijving + "\t" + f.datum.ToString() +
            "\t" + std::to_string(f.grootte) + "\t" + f.sha256 + "\n";
  }
  return WriteFileAtomically(catalogue_dir + "/" + kCatalogueFileName, text);
}

Status Sha256File(const std::string& path, std::string* hex, int64_t* size) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return Status::Internal("kan " + path + " niet lezen: " + std::strerror(errno));
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
    return Status::Internal("SHA-256 niet beschikbaar");
  }
  std::array<unsigned char, 1 << 16> buf;
  int64_t total = 0;
  for (;;) {
    const size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
    if (n > 0) {
      if (EVP_DigestUpdate(ctx.get(), buf.data(), n) != 1) {
        return Status::Internal("SHA-256 mislukt");
      }
      total += static_cast<int64_t>(n);
    }
    if (n < buf.size()) break;
  }
  if (std::ferror(f.get())) return Status::Internal("kan " + path + " niet lezen");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx.get(), digest, &len) != 1) return Status::Internal("SHA-256 mislukt");
  static constexpr char kHex[] = "0123456789abcdef";
  hex->clear();
  for (unsigned int i = 0; i < len; ++i) {
    hex->push_back(kHex[digest[i] >> 4]);
    hex->push_back(kHex[digest[i] & 0x0f]);
  }
  *size = total;
  return Status::Ok();
}

}  // namespace isi::extract
