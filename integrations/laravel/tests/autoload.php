<?php

declare(strict_types=1);

// Autoloading: Composer's when the package was installed with it; else Debian's packages
// (php-laravel-framework puts Illuminate under /usr/share/php with an autoload.php per component).
if (is_file(__DIR__ . '/../vendor/autoload.php')) {
    require __DIR__ . '/../vendor/autoload.php';
} else {
    foreach (['Cache', 'Config', 'Container', 'Contracts', 'Redis', 'Support'] as $component) {
        require_once "Illuminate/$component/autoload.php";
    }
    spl_autoload_register(static function (string $class): void {
        foreach (['RedisLock\\Laravel\\Tests\\' => __DIR__ . '/', 'RedisLock\\Laravel\\' => __DIR__ . '/../src/'] as $prefix => $dir) {
            if (str_starts_with($class, $prefix)) {
                $file = $dir . str_replace('\\', '/', substr($class, \strlen($prefix))) . '.php';
                if (is_file($file)) {
                    require $file;
                }

                return;
            }
        }
    });
}
