SELECT café, 名前, "a""b", `c``d`, 1abc FROM t -- comment
 /* block */ ;