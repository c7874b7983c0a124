// Box<T>: a heap-held T with value semantics (deep copy, deep ==), so that TL types that refer
// to themselves (JSONValue inside jsonArray, ...) can be members before T is complete.
#pragma once

#include <memory>
#include <utility>

namespace tgs::tl {

template <class T>
class Box {
  public:
    Box() : p_(std::make_unique<T>()) {}
    Box(T value) : p_(std::make_unique<T>(std::move(value))) {}  // NOLINT: implicit on purpose
    Box(const Box& o) : p_(std::make_unique<T>(*o.p_)) {}
    Box(Box&& o) noexcept : p_(std::move(o.p_)) {}
    Box& operator=(const Box& o) {
        if (this != &o) p_ = std::make_unique<T>(*o.p_);
        return *this;
    }
    Box& operator=(Box&& o) noexcept {
        p_ = std::move(o.p_);
        return *this;
    }
    ~Box() = default;

    T& operator*() { return *p_; }
    const T& operator*() const { return *p_; }
    T* operator->() { return p_.get(); }
    const T* operator->() const { return p_.get(); }

    friend bool operator==(const Box& a, const Box& b) { return *a.p_ == *b.p_; }

  private:
    std::unique_ptr<T> p_;
};

}  // namespace tgs::tl
