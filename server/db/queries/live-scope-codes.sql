-- live-scope-codes: every stored boundary code (any level): the scopes a subscription may name.
SELECT code FROM boundary
