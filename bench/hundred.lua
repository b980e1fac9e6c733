-- One hundred closed executions per request, all with fresh execution service ids.
local counter = 0
local base = 0
local threads = 0

function setup(thread)
  thread:set("thread_index", threads)
  threads = threads + 1
end

function init(args)
  base = tonumber(args[1]) + thread_index * 10000000
end

local element = '{"executionServiceId":%d,"isOpen":false,"executionStatus":"FULL","tradeType":"SELL",'
  .. '"destination":"ML","securityId":"68336002fe95851f0a2aeda9","ticker":"IBM","quantity":250,"limitPrice":null,'
  .. '"receivedTimestamp":"2025-05-27T14:39:27.509362Z","sentTimestamp":"2025-05-27T14:39:27.512467Z",'
  .. '"quantityFilled":250,"totalAmount":47602.4,"averagePrice":190.4096}'

function request()
  local parts = {}
  for i = 1, 100 do
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
