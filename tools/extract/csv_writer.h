// CSV as Dutch spreadsheet programs open it without an import wizard: UTF-8 with a byte order
// mark, ';' as separator, CRLF line ends, RFC 4180 quoting; dates dd-mm-jjjj, booleans Ja/Nee,
// amounts with a decimal comma. Text cells are neutralised against formula injection.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/status.h"
#include "tools/extract/table.h"

namespace isi::extract {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// One text cell as it appears in the file:
//  - a value starting with '=', '+', '-', '@', a tab or a carriage return gets a leading
//    apostrophe, so a spreadsheet shows it as text instead of evaluating it as a formula;
//  - the result is enclosed in double quotes (inner quotes doubled) when it contains ';', '"',
//    CR or LF, or starts or ends with a space.
std::string CsvField(std::string_view value);

// Writes one CSV file, streaming: only the current row is in memory.
class CsvWriter final : public TableWriter {
 public:
  CsvWriter() = default;
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;
  ~CsvWriter() override;

  // Creates (truncates) `path` and writes the BOM and the header row. Internal on failure.
  Status Open(const std::string& path, const std::vector<std::string>& headers);

  using TableWriter::DateValue;
  using TableWriter::Integer;
  using TableWriter::Text;
  using TableWriter::YesNo;
  void Empty() override;
  void Text(std::string_view value) override;
  void DateValue(const Date& value) override;
  void YesNo(bool value) override;
  void Integer(int64_t value) override;
  void Money(int64_t cents) override;
  Status EndRow() override;

  // Flushes and closes the file; Internal when any write failed. Rows written: rows().
  Status Close();
  int64_t rows() const { return rows_; }

 private:
  void Cell(std::string_view formatted);

  std::FILE* file_ = nullptr;
  std::string path_;
  std::string line_;
  size_t columns_ = 0;
  size_t cells_ = 0;
  int64_t rows_ = 0;
  Status error_;
};

}  // namespace isi::extract
