// `isi-admin refresh` and `isi-admin generate-mutations`: the daily refresh of issue 5
// (tools/refresh/refresh.h does the work) and synthetic mutation files for it.
//
//   isi-admin refresh --store PATH [--date JJJJ-MM-DD] [--extracts DIR] [--json]
//                     [--weigeringen CSV] FILE...
//   isi-admin generate-mutations --store PATH --out DIR --count N --seed S
//                     [--date JJJJ-MM-DD] [--invalid-fraction F] [--json]
//   isi-admin refresh-rules      (the rule tables as Markdown, for review against §3.7)
//
// Exit codes as isi-admin's (0 success, 1 failure, 2 usage), and for refresh also 3: the
// refresh was committed, but a file was refused whole (corrupt). When the extract rebuild fails
// after a committed refresh the exit code is 1 and the message says the refresh itself landed.
#pragma once

#include <memory>

namespace CLI {
class App;
}

namespace isi::admin {

// Adds the `refresh`, `generate-mutations` and `refresh-rules` subcommands to `app`. After app.parse(),
// parsed() tells whether one of them was chosen and Run() carries it out and returns the exit
// code.
class RefreshCommand {
 public:
  explicit RefreshCommand(CLI::App* app);
  ~RefreshCommand();
  RefreshCommand(const RefreshCommand&) = delete;
  RefreshCommand& operator=(const RefreshCommand&) = delete;

  bool parsed() const;
  int Run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace isi::admin
