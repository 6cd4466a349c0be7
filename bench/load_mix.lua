-- The mixed load run (bench/load.py's "mix"): each wrk thread is one signed-in person
-- with one connection, going round their own list of requests. The people and their
-- requests are read from the Lua file named by TRELLIS_MIX, which bench/load.py writes:
--   return {host = "...", people = {{name = "...", cookie = "...", csrf = "...",
--     requests = {{kind = "...", method = "GET", path = "..."},
--                 {kind = "...", method = "POST", path = "...", question = 12, version = 0,
--                  rest = "the rest of the form, urlencoded"}}}}}
-- A POST is a journal autosave (htmx): new text for one answer and the version the page
-- last showed, which each answer updates, as static/js/autosave.js does, so every
-- autosave saves and none is refused as stale. TRELLIS_MIX_DEBUG=1 prints the start of
-- each failed answer.

local data = dofile(os.getenv("TRELLIS_MIX"))
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("who", #threads)
end

function init(args)
  person = data.people[who]
  step, current, typed = 0, 0, 0
  versions, served, failed = {}, {}, {}
end

function request()
  step = step % #person.requests + 1
  current = step
  local r = person.requests[step]
  local headers = {Host = data.host, Cookie = person.cookie}
  if r.method ~= "POST" then
    return wrk.format("GET", r.path, headers)
  end
  typed = typed + 1
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["X-CSRFToken"] = person.csrf
  headers["HX-Request"] = "true"
  local version = versions[r.question] or r.version
  local body = string.format("q%d=Draft+%d&v%d=%d&%s", r.question, typed, r.question, version, r.rest)
  return wrk.format("POST", r.path, headers, body)
end

function response(status, headers, body)
  local kind = person.requests[current].kind
  served[kind] = (served[kind] or 0) + 1
  local r = person.requests[current]
  local saved = headers["Trellis-All-Saved"] or headers["trellis-all-saved"]
  if status >= 400 or (r.method == "POST" and saved ~= "true") then
    failed[kind] = (failed[kind] or 0) + 1
    if os.getenv("TRELLIS_MIX_DEBUG") then io.write(status, " ", tostring(saved), " ", body:sub(1, 300), "\n") end
  end
  if r.method == "POST" then
    local v = string.match(body, 'name="v' .. r.question .. '"[^>]-value="(%d+)"')
    if v then versions[r.question] = tonumber(v) end
  end
end

function done(summary, latency, requests)
  -- One line per kind for bench/load.py to read: "kind<TAB>served<TAB>failed".
  local served_all, failed_all = {}, {}
  for _, thread in ipairs(threads) do
    for kind, n in pairs(thread:get("served")) do served_all[kind] = (served_all[kind] or 0) + n end
    for kind, n in pairs(thread:get("failed")) do failed_all[kind] = (failed_all[kind] or 0) + n end
  end
  for kind, n in pairs(served_all) do
    io.write(string.format("mix\t%s\t%d\t%d\n", kind, n, failed_all[kind] or 0))
  end
end
