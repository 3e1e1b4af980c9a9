-- wrk script for the flash sale: POST /buy?item=ITEM&lock=MODE (wrk ... -s buy.lua URL -- ITEM MODE).
-- Each thread counts the statuses it got and stops at its first 410: the stock is gone, and the
-- run ends then rather than after a fixed time (wrk's -d is only the upper bound).
-- done() prints one line, "wrk-result key=value ...", that run.php reads.
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    wrk.method = "POST"
    wrk.path = "/buy?item=" .. args[1] .. "&lock=" .. args[2]
    c200, c409, c410, cother = 0, 0, 0, 0
end

function response(status, headers, body)
    if status == 200 then
        c200 = c200 + 1
    elseif status == 409 then
        c409 = c409 + 1
    elseif status == 410 then
        c410 = c410 + 1
        wrk.thread:stop()
    else
        cother = cother + 1
    end
end

function done(summary, latency, requests)
    local t = { c200 = 0, c409 = 0, c410 = 0, cother = 0 }
    for _, thread in ipairs(threads) do
        for k, _ in pairs(t) do
            t[k] = t[k] + thread:get(k)
        end
    end
    local e = summary.errors
    io.write(string.format(
        "wrk-result requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d c200=%d c409=%d c410=%d cother=%d errors=%d\n",
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
        t.c200, t.c409, t.c410, t.cother, e.connect + e.read + e.write + e.timeout))
end
