-- wrk's script for `make bench` (bench/run.py):
--
--   wrk ... -s bench/load.lua URL -- MODE [ARTICLE_ID ORIGIN [DEADLINE]]
--
-- A fourth argument after a post MODE, a time (seconds since the epoch), makes
-- each thread stop posting once an answer comes after it.
--
-- MODE "get" requests URL as it is (headers from wrk's -H); "browse" requests
-- the paths given after it in turn, as readers going from page to page
-- (`make loadtest`, bench/loadtest.py), and counts their status codes. "comment",
-- "signup" and "flood" (the two in turn) post the reader forms: a valid
-- comment on ARTICLE_ID, a sign-up to the default newsletter, each with new
-- words or a new address, from a new reader address (X-Forwarded-For, read
-- by the app with TRUSTED_PROXY_COUNT=1), so that the per-address rate
-- limits see many readers instead of one flooding machine. Their authors
-- write from @load.bench.example, which the next run deletes (bench/data.py).
--
-- At the end it prints one line, "BENCH_JSON {...}": requests, duration,
-- latency percentiles and, for the posts, the count of each status code.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

local mode, article, origin = "get", "", ""
-- Global, so that done() can read it from each thread.
sent = 0
local run = 0
statuses = {}

local function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(char)
    return string.format("%%%02X", string.byte(char))
  end))
end

local function form(fields)
  local parts = {}
  for _, pair in ipairs(fields) do
    table.insert(parts, pair[1] .. "=" .. urlencode(pair[2]))
  end
  return table.concat(parts, "&")
end

local function reader_address()
  return string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
end

local function post(path, body)
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = reader_address(),
    -- What a current browser sends with a form on our own page (newsroom/origin.py).
    ["Origin"] = origin,
    ["Sec-Fetch-Site"] = "same-origin",
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0 (newsroom bench)",
  }, body)
end

local function author()
  return string.format("r%d-%d-%d@load.bench.example", run, thread_number, sent)
end

local function comment()
  return post("/comments/post/", form({
    { "article", article },
    { "name", "Load reader " .. thread_number },
    { "email", author() },
    { "body", string.format("Reply %d-%d-%d: the buses are still full by seven.", run, thread_number, sent) },
    -- Seconds since the page opened (site.js): a person's pace, above the spam minimum.
    { "elapsed", "42" },
    { "parent", "" },
    { "url", "" },
    { "hp_trap", "" },
  }))
end

local function signup()
  return post("/newsletter/subscribe/", form({
    { "email", author() },
    { "source", "footer" },
    { "website", "" },
  }))
end

local deadline = nil

local function count(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  -- Posting until a deadline (`make loadtest`): a thread with one connection
  -- that stops here, between an answer and its next request, leaves no post
  -- unanswered, so what was accepted can be compared with what was stored.
  if deadline and os.time() >= deadline then
    wrk.thread:stop()
  end
end

function init(args)
  mode = args[1] or "get"
  article = args[2] or ""
  origin = args[3] or ""
  deadline = tonumber(args[4])
  run = os.time()
  math.randomseed(run * 100 + thread_number)
  if mode == "browse" then
    local paths = {}
    for i = 2, #args do
      table.insert(paths, args[i])
    end
    response = count
    request = function()
      sent = sent + 1
      return wrk.format("GET", paths[(sent + thread_number) % #paths + 1])
    end
  elseif mode ~= "get" then
    -- Defined only for the posts: wrk parses every response when it exists.
    response = count
    request = function()
      sent = sent + 1
      if mode == "comment" or (mode == "flood" and sent % 2 == 0) then
        return comment()
      end
      return signup()
    end
  end
end

function done(summary, latency, requests)
  local totals, codes, posted = {}, {}, 0
  for _, thread in ipairs(threads) do
    posted = posted + (thread:get("sent") or 0)
    for status, n in pairs(thread:get("statuses") or {}) do
      totals[status] = (totals[status] or 0) + n
    end
  end
  for status, n in pairs(totals) do
    table.insert(codes, string.format('"%d": %d', status, n))
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"socket_errors": %d, "http_errors": %d, "sent": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.timeout, errors.status, posted,
    table.concat(codes, ", ")))
end
