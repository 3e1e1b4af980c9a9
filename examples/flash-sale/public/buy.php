<?php
/**
 * POST /buy?item=<item>&lock=redislock|blogpost|nolock: one purchase of one unit (sale_buy()).
 * 200 sold, 409 the item's lock stayed busy (try again), 410 sold out; 400/405 a bad request.
 * The lock mode is a parameter so that one FPM pool serves all three, alternated, in one run.
 */

declare(strict_types=1);

require __DIR__ . '/../sale.php';

$item = (string) ($_GET['item'] ?? '');
$mode = (string) ($_GET['lock'] ?? 'redislock');
if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    http_response_code(405);
    exit;
}
if (!preg_match('/^[A-Za-z0-9_.-]{1,64}$/', $item) || !in_array($mode, SALE_MODES, true)) {
    http_response_code(400);
    exit;
}
$status = sale_buy(sale_redis(), $item, $mode);
http_response_code($status);
echo [200 => "sold\n", 409 => "busy, try again\n", 410 => "sold out\n"][$status];
