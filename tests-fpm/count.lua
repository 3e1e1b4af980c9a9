-- wrk script for the FPM tests: GET the URL; done() prints "wrk-result requests=N non200=N errors=N".
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non200 = 0 end
function response(status, headers, body)
    if status ~= 200 then non200 = non200 + 1 end
end
function done(summary, latency, requests)
    local n = 0
    for _, t in ipairs(threads) do n = n + t:get("non200") end
    local e = summary.errors
    io.write(string.format("wrk-result requests=%d non200=%d errors=%d\n", summary.requests, n,
        e.connect + e.read + e.write + e.timeout))
end
