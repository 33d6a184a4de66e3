// The application key of the fuzz world (request_fuzz.cpp creates it) and its password.
// tests/fuzz/make_seeds.py reads both from this file for the seeds' Authorization header, so
// that the fuzzer starts past authentication. Synthetic; valid only in the fuzzer's store.
#pragma once

namespace isi::fuzz {

inline constexpr const char kFuzzKey[] = "ak_0034_fuzz";
inline constexpr const char kFuzzPassword[] = "fuzz-password-0034";

}  // namespace isi::fuzz
