// Tables of the extract files: a column is its header, its meaning (for the legend) and the
// function that writes its cell for a row, all in one place, so header, legend and cells cannot
// drift apart. The same column lists feed the CSV writer (cells as text) and the xlsx writer
// (typed cells).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "model/codes.h"
#include "model/date.h"
#include "model/status.h"

namespace isi::extract {

// Receives the cells of one row, left to right, then EndRow().
class TableWriter {
 public:
  virtual ~TableWriter() = default;

  virtual void Empty() = 0;
  virtual void Text(std::string_view value) = 0;
  virtual void DateValue(const Date& value) = 0;
  virtual void YesNo(bool value) = 0;  // "Ja" / "Nee"
  virtual void Integer(int64_t value) = 0;
  virtual void Money(int64_t cents) = 0;  // an amount in euros, two decimals
  // Ends the row. Internal when the number of cells differs from the number of columns, or
  // when writing failed (the first error is kept and returned from then on).
  virtual Status EndRow() = 0;

  // Empty cell for nullopt.
  void Text(const std::optional<std::string>& value) {
    if (value) {
      Text(std::string_view(*value));
    } else {
      Empty();
    }
  }
  void Text(const char* value) { Text(std::string_view(value)); }
  void Text(const std::string& value) { Text(std::string_view(value)); }
  void DateValue(const std::optional<Date>& value) {
    if (value) {
      DateValue(*value);
    } else {
      Empty();
    }
  }
  void YesNo(const std::optional<bool>& value) {
    if (value) {
      YesNo(*value);
    } else {
      Empty();
    }
  }
  void Integer(const std::optional<int>& value) {
    if (value) {
      Integer(int64_t{*value});
    } else {
      Empty();
    }
  }
  // Enumerations as their wire tokens (model/codes.h), as the berichtenboek uses them.
  template <typename E>
  requires std::is_enum_v<E>
  void Code(E value) { Text(Token(value)); }
  template <typename E>
  requires std::is_enum_v<E>
  void Code(const std::optional<E>& value) {
    if (value) {
      Text(Token(*value));
    } else {
      Empty();
    }
  }
};

template <typename Row>
struct Column {
  const char* header;
  const char* omschrijving;  // one line for the legend
  double width;              // Excel column width in characters
  void (*write)(const Row& row, TableWriter& out);
};

template <typename Row>
using Columns = std::vector<Column<Row>>;

template <typename Row>
std::vector<std::string> Headers(const Columns<Row>& columns) {
  std::vector<std::string> headers;
  headers.reserve(columns.size());
  for (const Column<Row>& c : columns) headers.emplace_back(c.header);
  return headers;
}

template <typename Row>
std::vector<double> Widths(const Columns<Row>& columns) {
  std::vector<double> widths;
  widths.reserve(columns.size());
  for (const Column<Row>& c : columns) widths.push_back(c.width);
  return widths;
}

// Writes the cells of `row` for every column and ends the row.
template <typename Row>
Status WriteRow(const Columns<Row>& columns, const Row& row, TableWriter& out) {
  for (const Column<Row>& c : columns) c.write(row, out);
  return out.EndRow();
}

// "dd-mm-jjjj", as Dutch users read dates.
std::string DutchDate(const Date& d);

}  // namespace isi::extract
