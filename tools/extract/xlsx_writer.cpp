#include "tools/extract/xlsx_writer.h"

#include <xlsxwriter.h>

#include <ctime>
#include <string>
#include <utility>

namespace isi::extract {
namespace {

// Excel's serial day number: days since 1899-12-30 (the 1900 date system).
constexpr int64_t kExcelEpochOffset = 25569;  // 1970-01-01 as an Excel serial

Status LxwError(const std::string& what, lxw_error e) {
  return Status::Internal(what + ": " + lxw_strerror(e));
}

// XML 1.0 cannot carry most control characters; they never belong in ISI data anyway.
std::string XmlSafe(std::string_view value) {
  std::string out(value);
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') c = '?';
  }
  return out;
}

}  // namespace

// --- XlsxSheet -------------------------------------------------------------------------------

XlsxSheet::XlsxSheet(XlsxWorkbook* book, std::string name, std::vector<std::string> headers,
                     std::vector<double> widths, int64_t max_rows)
    : book_(book),
      name_(std::move(name)),
      headers_(std::move(headers)),
      widths_(std::move(widths)),
      max_rows_(max_rows) {}

void XlsxSheet::Check(int lxw_error_code) {
  if (lxw_error_code != LXW_NO_ERROR && book_->error_.ok()) {
    book_->error_ =
        LxwError("schrijven in werkblad " + name_, static_cast<lxw_error>(lxw_error_code));
  }
}

Status XlsxSheet::StartPart() {
  if (Status s = FinishPart(); !s.ok()) return s;
  ++parts_;
  const std::string title = parts_ == 1 ? name_ : name_ + " (" + std::to_string(parts_) + ")";
  worksheet_ = workbook_add_worksheet(book_->workbook_, title.c_str());
  if (worksheet_ == nullptr) {
    return book_->error_ = Status::Internal("kan werkblad " + title + " niet toevoegen");
  }
  for (size_t i = 0; i < widths_.size(); ++i) {
    const auto col = static_cast<lxw_col_t>(i);
    Check(worksheet_set_column(worksheet_, col, col, widths_[i], nullptr));
  }
  worksheet_freeze_panes(worksheet_, 1, 1);
  for (size_t i = 0; i < headers_.size(); ++i) {
    Check(worksheet_write_string(worksheet_, 0, static_cast<lxw_col_t>(i), headers_[i].c_str(),
                                 book_->header_format_));
  }
  row_ = 1;
  col_ = 0;
  return book_->error_;
}

Status XlsxSheet::FinishPart() {
  if (worksheet_ == nullptr || headers_.empty()) return book_->error_;
  Check(worksheet_autofilter(worksheet_, 0, 0, row_ - 1,
                             static_cast<lxw_col_t>(headers_.size() - 1)));
  return book_->error_;
}

void XlsxSheet::BeginCell() {
  if (col_ == 0 && full_) {
    full_ = false;
    StartPart();  // an error is kept in error_ and returned by EndRow()
  }
}

void XlsxSheet::Empty() {
  BeginCell();
  ++col_;
}

void XlsxSheet::Text(std::string_view value) {
  BeginCell();
  if (!value.empty()) {
    Check(worksheet_write_string(worksheet_, row_, col_, XmlSafe(value).c_str(), nullptr));
  }
  ++col_;
}

void XlsxSheet::DateValue(const Date& value) {
  BeginCell();
  Check(worksheet_write_number(worksheet_, row_, col_,
                               static_cast<double>(value.ToDays() + kExcelEpochOffset),
                               book_->date_format_));
  ++col_;
}

void XlsxSheet::YesNo(bool value) {
  BeginCell();
  Check(worksheet_write_string(worksheet_, row_, col_, value ? "Ja" : "Nee", nullptr));
  ++col_;
}

void XlsxSheet::Integer(int64_t value) {
  BeginCell();
  Check(worksheet_write_number(worksheet_, row_, col_, static_cast<double>(value), nullptr));
  ++col_;
}

void XlsxSheet::Money(int64_t cents) {
  BeginCell();
  Check(worksheet_write_number(worksheet_, row_, col_, static_cast<double>(cents) / 100.0,
                               book_->money_format_));
  ++col_;
}

Status XlsxSheet::EndRow() {
  if (book_->error_.ok() && col_ != headers_.size()) {
    book_->error_ = Status::Internal("rij met " + std::to_string(col_) + " cellen in werkblad " +
                                     name_ + ", verwacht " + std::to_string(headers_.size()));
  }
  col_ = 0;
  ++rows_;
  ++row_;
  // The next row goes to a new worksheet; started lazily, so a sheet that ends exactly full
  // gets no empty continuation.
  if (static_cast<int64_t>(row_) > max_rows_) full_ = true;
  return book_->error_;
}

// --- XlsxWorkbook ----------------------------------------------------------------------------

XlsxWorkbook::~XlsxWorkbook() {
  // Not closed (an error path): free without writing; the temporary files go with it.
  if (workbook_ != nullptr) lxw_workbook_free(workbook_);
}

Status XlsxWorkbook::Create(const std::string& path, const std::string& tmpdir, int64_t created,
                            std::unique_ptr<XlsxWorkbook>* out) {
  std::unique_ptr<XlsxWorkbook> book(new XlsxWorkbook());
  book->path_ = path;
  book->tmpdir_ = tmpdir;  // must outlive the workbook: libxlsxwriter keeps the pointer
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = book->tmpdir_.data();
  options.use_zip64 = LXW_FALSE;  // a 1,048,575-row sheet stays below 4 GB; Excel warns on ZIP64
  book->workbook_ = workbook_new_opt(path.c_str(), &options);
  if (book->workbook_ == nullptr) return Status::Internal("kan werkmap " + path + " niet maken");

  lxw_doc_properties properties{};
  char title[] = "ISI extract";
  char author[] = "isi-koppeling";
  properties.title = title;
  properties.author = author;
  properties.created = static_cast<time_t>(created);
  if (lxw_error e = workbook_set_properties(book->workbook_, &properties); e != LXW_NO_ERROR) {
    return LxwError("documenteigenschappen", e);
  }

  book->header_format_ = workbook_add_format(book->workbook_);
  format_set_bold(book->header_format_);
  format_set_bg_color(book->header_format_, 0xDDEBF7);
  format_set_bottom(book->header_format_, LXW_BORDER_THIN);
  book->date_format_ = workbook_add_format(book->workbook_);
  format_set_num_format(book->date_format_, "dd-mm-yyyy");
  book->money_format_ = workbook_add_format(book->workbook_);
  format_set_num_format(book->money_format_, "#,##0.00");
  *out = std::move(book);
  return Status::Ok();
}

XlsxSheet* XlsxWorkbook::AddSheet(const std::string& name, std::vector<std::string> headers,
                                  std::vector<double> widths, int64_t max_rows) {
  sheets_.emplace_back(new XlsxSheet(this, name, std::move(headers), std::move(widths), max_rows));
  XlsxSheet* sheet = sheets_.back().get();
  sheet->StartPart();  // an error is kept in error_ and reported by EndRow() and Close()
  return sheet;
}

Status XlsxWorkbook::Close() {
  for (const auto& sheet : sheets_) sheet->FinishPart();
  if (!error_.ok()) return error_;
  lxw_workbook* wb = std::exchange(workbook_, nullptr);
  if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) {
    return error_ = LxwError("kan werkmap " + path_ + " niet schrijven", e);
  }
  return Status::Ok();
}

}  // namespace isi::extract
