SELECT stage, count(*) AS n, any_value(reason) AS example FROM rejects GROUP BY 1 ORDER BY 1
