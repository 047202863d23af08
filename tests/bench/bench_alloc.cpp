// Counts heap allocations by replacing the global operator new of the
// benchmark executable (only: the library and mmsim are untouched). The
// counter is the one piece of global mutable state in the project, and it has
// to be: operator new is global, and it is called from every thread.
//
// One shared atomic would be bounced between the cores on every allocation
// and would itself spoil the multi-thread timings it sits in, so the count is
// split over cache-line-sized shards: each thread adds to its own (threads
// take shards in turn), and a reader sums them.

#include <array>
#include <atomic>
#include <cstdlib>
#include <new>

#include "bench.hpp"

namespace {

struct alignas(64) Shard {
    std::atomic<std::uint64_t> allocations{0};
};
constexpr std::size_t kShards = 64;
std::array<Shard, kShards> g_shards;
std::atomic<std::size_t> g_next_shard{0};

void count_allocation() {
    thread_local const std::size_t shard = g_next_shard.fetch_add(1, std::memory_order_relaxed) % kShards;
    g_shards[shard].allocations.fetch_add(1, std::memory_order_relaxed);
}

void* allocate(std::size_t size) {
    count_allocation();
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}

void* allocate_aligned(std::size_t size, std::align_val_t alignment) {
    count_allocation();
    const auto align = static_cast<std::size_t>(alignment);
    // aligned_alloc wants a size that is a multiple of the alignment.
    const std::size_t rounded = (size + align - 1) / align * align;
    if (void* p = std::aligned_alloc(align, rounded == 0 ? align : rounded)) return p;
    throw std::bad_alloc();
}

}  // namespace

std::uint64_t mmsim::bench::allocation_count() {
    std::uint64_t total = 0;
    for (const Shard& shard : g_shards) total += shard.allocations.load(std::memory_order_relaxed);
    return total;
}

void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    try {
        return allocate(size);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
    return operator new(size, tag);
}
void* operator new(std::size_t size, std::align_val_t alignment) {
    return allocate_aligned(size, alignment);
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
    return allocate_aligned(size, alignment);
}

void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
