// Excel workbooks (.xlsx) through libxlsxwriter in constant-memory mode: each sheet's rows are
// streamed to a temporary file as they are written, so memory does not grow with the number of
// rows. Every sheet gets a bold header row, frozen panes (header row and first column), an
// autofilter, column widths, dates as real Excel dates shown dd-mm-jjjj, booleans as Ja/Nee and
// amounts as numbers with two decimals. libxlsxwriter's headers stay out of this header.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/status.h"
#include "tools/extract/table.h"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace isi::extract {

class XlsxWorkbook;

// One logical sheet. Rows go strictly top to bottom. When a sheet is full (Excel's 1,048,576
// rows) writing continues on a new sheet "<name> (2)" with the same header.
class XlsxSheet final : public TableWriter {
 public:
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

  int64_t rows() const { return rows_; }

 private:
  friend class XlsxWorkbook;
  XlsxSheet(XlsxWorkbook* book, std::string name, std::vector<std::string> headers,
            std::vector<double> widths, int64_t max_rows);
  Status StartPart();   // adds a worksheet (the first, or the next when full) with its header
  Status FinishPart();  // sets the autofilter over what was written
  void Check(int lxw_error);
  void BeginCell();  // starts the next worksheet when the current one is full

  XlsxWorkbook* book_;
  std::string name_;
  std::vector<std::string> headers_;
  std::vector<double> widths_;
  int64_t max_rows_;  // data rows per worksheet
  lxw_worksheet* worksheet_ = nullptr;
  int parts_ = 0;
  bool full_ = false;
  uint32_t row_ = 0;  // current row in the worksheet (0 = header)
  uint16_t col_ = 0;
  int64_t rows_ = 0;  // data rows over all parts
};

class XlsxWorkbook {
 public:
  XlsxWorkbook(const XlsxWorkbook&) = delete;
  XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;
  ~XlsxWorkbook();

  // Starts a workbook that Close() writes to `path`; libxlsxwriter keeps its temporary files in
  // `tmpdir`. `created` (unix seconds) is the creation time in the document properties.
  static Status Create(const std::string& path, const std::string& tmpdir, int64_t created,
                       std::unique_ptr<XlsxWorkbook>* out);

  // Adds a sheet (owned by the workbook) with a header row. `name` at most 27 characters (room
  // for " (n)"). `max_rows` (data rows per worksheet) is for tests; the default is Excel's limit.
  template <typename Row>
  XlsxSheet* AddSheet(const std::string& name, const Columns<Row>& columns) {
    return AddSheet(name, Headers(columns), Widths(columns));
  }
  XlsxSheet* AddSheet(const std::string& name, std::vector<std::string> headers,
                      std::vector<double> widths, int64_t max_rows = kMaxDataRows);

  // Writes the file. Internal when any sheet or libxlsxwriter failed; the file is then
  // incomplete and must not be used.
  Status Close();

  static constexpr int64_t kMaxDataRows = 1048575;  // Excel's rows minus the header

 private:
  friend class XlsxSheet;
  XlsxWorkbook() = default;

  lxw_workbook* workbook_ = nullptr;
  lxw_format* header_format_ = nullptr;
  lxw_format* date_format_ = nullptr;
  lxw_format* money_format_ = nullptr;
  std::string path_;
  std::string tmpdir_;
  std::vector<std::unique_ptr<XlsxSheet>> sheets_;
  Status error_;
};

}  // namespace isi::extract
