#include "tools/extract/csv_writer.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace isi::extract {

std::string CsvField(std::string_view value) {
  std::string cell;
  cell.reserve(value.size() + 3);
  if (!value.empty()) {
    const char first = value.front();
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' ||
        first == '\r') {
      cell += '\'';
    }
  }
  cell.append(value);
  const bool quote = cell.find_first_of(";\"\r\n") != std::string::npos ||
                     (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
  if (!quote) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

CsvWriter::~CsvWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

Status CsvWriter::Open(const std::string& path, const std::vector<std::string>& headers) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) {
    return Status::Internal("kan " + path + " niet aanmaken: " + std::strerror(errno));
  }
  std::setvbuf(file_, nullptr, _IOFBF, 1 << 16);
  if (std::fwrite(kUtf8Bom.data(), 1, kUtf8Bom.size(), file_) != kUtf8Bom.size()) {
    return Status::Internal("kan niet schrijven naar " + path);
  }
  columns_ = headers.size();
  for (const std::string& h : headers) Text(std::string_view(h));
  Status s = EndRow();
  rows_ = 0;  // the header is not a data row
  return s;
}

void CsvWriter::Cell(std::string_view formatted) {
  if (cells_ > 0) line_ += ';';
  line_.append(formatted);
  ++cells_;
}

void CsvWriter::Empty() { Cell({}); }
void CsvWriter::Text(std::string_view value) { Cell(CsvField(value)); }
void CsvWriter::DateValue(const Date& value) { Cell(DutchDate(value)); }
void CsvWriter::YesNo(bool value) { Cell(value ? "Ja" : "Nee"); }
void CsvWriter::Integer(int64_t value) { Cell(std::to_string(value)); }

void CsvWriter::Money(int64_t cents) {
  char buf[32];
  const char* sign = cents < 0 ? "-" : "";
  const int64_t abs = cents < 0 ? -cents : cents;
  std::snprintf(buf, sizeof buf, "%s%lld,%02lld", sign, static_cast<long long>(abs / 100),
                static_cast<long long>(abs % 100));
  Cell(buf);
}

Status CsvWriter::EndRow() {
  if (error_.ok() && cells_ != columns_) {
    error_ = Status::Internal("rij met " + std::to_string(cells_) + " cellen in " + path_ +
                              ", verwacht " + std::to_string(columns_));
  }
  line_ += "\r\n";
  if (error_.ok() && file_ != nullptr &&
      std::fwrite(line_.data(), 1, line_.size(), file_) != line_.size()) {
    error_ = Status::Internal("kan niet schrijven naar " + path_ + ": " + std::strerror(errno));
  }
  line_.clear();
  cells_ = 0;
  ++rows_;
  return error_;
}

Status CsvWriter::Close() {
  if (file_ == nullptr) return error_.ok() ? Status::Internal("CSV-bestand is niet open") : error_;
  const bool flushed = std::fflush(file_) == 0 && std::ferror(file_) == 0;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (error_.ok() && (!flushed || !closed)) {
    error_ = Status::Internal("kan " + path_ + " niet afsluiten: " + std::strerror(errno));
  }
  return error_;
}

}  // namespace isi::extract
