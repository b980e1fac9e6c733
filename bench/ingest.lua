-- POST /api/v1/executions with fresh execution service ids.
-- Script arguments: the id base (so separate runs against one database never collide) and the number of
-- executions per request (default 1, the Confirmation Service's pattern).
local counter = 0
local base = 0
local size = 1
local threads = 0

function setup(thread)
  thread:set("thread_index", threads)
  threads = threads + 1
end

function init(args)
  base = tonumber(args[1]) + thread_index * 10000000
  size = tonumber(args[2] or "1")
end

local element = '{"executionServiceId":%d,"isOpen":false,"executionStatus":"FULL","tradeType":"BUY",'
  .. '"destination":"ML","securityId":"68336002fe95851f0a2aeda9","ticker":"IBM","quantity":1000,"limitPrice":null,'
  .. '"receivedTimestamp":"2025-05-27T14:39:27.509362Z","sentTimestamp":"2025-05-27T14:39:27.512467Z",'
  .. '"lastFillTimestamp":"2025-05-27T14:41:44.1602714Z","quantityFilled":1000,"totalAmount":190409.6,'
  .. '"averagePrice":190.4096}'

function request()
  local parts = {}
  for i = 1, size do
    counter = counter + 1
    parts[i] = string.format(element, base + counter)
  end
  return wrk.format("POST", "/api/v1/executions", {["Content-Type"] = "application/json"},
    "[" .. table.concat(parts, ",") .. "]")
end

function response(status)
  if status ~= 201 then
    print("unexpected status " .. status)
  end
end
