#pragma once
// One base for every error that stops a command, saying which kind of
// failure it is. The exit code is chosen from the kind in one place
// (cli/guarded.cpp): a bad input or usage, an output refused or busy, an
// interrupted sweep in the way, exit 2; a failure while running (cannot
// write, a fault in the model), exit 1.
#include <stdexcept>
#include <string>

namespace alliance {

enum class Failure { bad_input, running };

class Error : public std::runtime_error {
 public:
  Error(Failure failure, const std::string& what) : std::runtime_error(what), failure_(failure) {}
  Failure failure() const { return failure_; }

 private:
  Failure failure_;
};

// An error of bad input (exit 2), for the classes that name their source.
class BadInput : public Error {
 public:
  explicit BadInput(const std::string& what) : Error(Failure::bad_input, what) {}
};

// A failure while running (exit 1).
class RunFailure : public Error {
 public:
  explicit RunFailure(const std::string& what) : Error(Failure::running, what) {}
};

}  // namespace alliance
