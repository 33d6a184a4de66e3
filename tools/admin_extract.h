// `isi-admin extract`: building the extract files of seed 000 §3.8 and installing the
// diplomamodellenboek (tools/extract/extract_builder.h does the work).
//
//   isi-admin extract build --store PATH --dir DIR (--gemeente CODE | --all)
//                           [--datum JJJJ-MM-DD] [--bewaar N] [--json]
//   isi-admin extract install-pdf --dir DIR --file PDF [--datum JJJJ-MM-DD]
//   isi-admin extract list --dir DIR --gemeente CODE [--json]
//
// Exit codes as isi-admin's: 0 success, 1 failure, 2 usage.
#pragma once

#include <memory>

namespace CLI {
class App;
}

namespace isi::admin {

// Adds the `extract` subcommand tree to `app`. After app.parse(), parsed() tells whether it was
// chosen and Run() carries it out and returns the exit code.
class ExtractCommand {
 public:
  explicit ExtractCommand(CLI::App* app);
  ~ExtractCommand();
  ExtractCommand(const ExtractCommand&) = delete;
  ExtractCommand& operator=(const ExtractCommand&) = delete;

  bool parsed() const;
  int Run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace isi::admin
