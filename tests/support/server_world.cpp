#include "tests/support/server_world.h"

#include <stdexcept>

#include "store/password.h"

namespace isi::testing {

ServerWorld::ServerWorld()
    : store_path(dir.File("isi.db")), cert_dir(dir.File("certs")), ca_file(dir.File("certs/ca.pem")) {
  MakeDevCerts(cert_dir);
}

void ServerWorld::Require(const Status& s) {
  if (!s.ok()) throw std::runtime_error("test setup: " + s.ToString());
}

std::unique_ptr<Store> ServerWorld::CreateStore() const {
  std::unique_ptr<Store> store;
  StoreOptions options;
  options.create_if_missing = true;
  Require(OpenSqliteStore(store_path, options, &store));
  return store;
}

std::unique_ptr<Store> ServerWorld::OpenStore() const {
  std::unique_ptr<Store> store;
  Require(OpenSqliteStore(store_path, StoreOptions{}, &store));
  return store;
}

std::unique_ptr<ProtocolLog> ServerWorld::OpenProtocol() const {
  std::unique_ptr<ProtocolLog> log;
  Require(OpenProtocolLog(store_path, ProtocolLogOptions{}, &log));
  return log;
}

void ServerWorld::AddKey(Store& store, const std::string& id, const std::string& gemeente,
                         std::vector<int> roles, const std::string& password) {
  ApplicationKey key;
  key.key_id = id;
  key.gemeentecode = gemeente;
  key.roles = std::move(roles);
  key.created_at = 1700000000;
  Require(HashPassword(password, &key.password_hash));
  Require(store.CreateKey(key));
}

void ServerWorld::Start(const std::vector<std::string>& extra) {
  server = std::make_unique<ServerProcess>(store_path, cert_dir, extra);
}

ClientOptions ServerWorld::Options(const std::string& id, const std::string& password) const {
  ClientOptions options;
  options.endpoint = server->endpoint();
  options.ca_file = ca_file;
  options.key_id = id;
  options.password = password;
  options.timeout_s = 20;
  return options;
}

}  // namespace isi::testing
