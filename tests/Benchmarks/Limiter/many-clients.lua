-- wrk script of path (c): 10,000 clients taken in turn (X-Forwarded-For, believed from loopback),
-- each sending the url-encoded form in the file $FORM. $CLIENT_PREFIX (such as "10.2.") keeps the
-- clients of one run apart from those of every other run, so each is new to the server.
wrk.method = "POST"
local f = io.open(os.getenv("FORM"), "r"); wrk.body = f:read("*a"); f:close()
local prefix = os.getenv("CLIENT_PREFIX")
local n = 0
request = function()
  n = (n + 1) % 10000
  return wrk.format(nil, nil, {["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = prefix .. math.floor(n / 256) .. "." .. (n % 256)}, nil)
end
