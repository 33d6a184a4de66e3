// ServerWorld: what every integration test needs around the real server: a temporary directory
// with development certificates, an ISI store file, application keys, the running isi-server
// and client options for it. A test's own world derives from it, fills the store, then Start()s.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "service/client.h"
#include "store/protocol_log.h"
#include "store/store.h"
#include "tests/support/test_env.h"

namespace isi::testing {

class ServerWorld {
 public:
  ServerWorld();  // certificates in dir/certs; the store is dir/isi.db (not created yet)
  virtual ~ServerWorld() = default;

  // Throws (failing the test run's setup) when `s` is not Ok.
  static void Require(const Status& s);
  // A new store at store_path (created, migrated).
  std::unique_ptr<Store> CreateStore() const;
  // The existing store, for checks behind the server's back.
  std::unique_ptr<Store> OpenStore() const;
  // The store's protocol file (created by the server at its start), for checks of the records.
  std::unique_ptr<ProtocolLog> OpenProtocol() const;
  // Adds application key `id` of `gemeente` with `roles` and `password` (argon2id-hashed).
  static void AddKey(Store& store, const std::string& id, const std::string& gemeente,
                     std::vector<int> roles, const std::string& password);
  // Starts isi-server on the store with `extra` arguments.
  void Start(const std::vector<std::string>& extra = {});
  // Client options for key `id` with `password` against the running server.
  ClientOptions Options(const std::string& id, const std::string& password) const;

  TempDir dir;
  const std::string store_path;
  const std::string cert_dir;
  const std::string ca_file;
  std::unique_ptr<ServerProcess> server;
};

}  // namespace isi::testing
