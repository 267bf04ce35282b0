## 通用
fault = 抱歉，系统出了点问题，这条消息没有保存。请稍后再试。
unknown-command = 没有这个命令。发送 /help 查看能做什么。
not-understood = 没看懂这条消息。发送 /help 查看能做什么。
only-private = 请私聊机器人使用这个功能。

## 菜单按钮
button-checkin = 📍 打卡
button-diary = 📝 民情日记
button-leave = 🗓 请假
button-me = 👤 我的
button-report = 📣 举报

## 命令菜单
command-start = 开始
command-help = 帮助
command-checkin = 打卡
command-diary = 写民情日记
command-leave = 请假
command-return = 销假
command-me = 我的本月情况
command-report = 匿名举报
command-followup = 查询举报进展

## 帮助与绑定
help-cadre =
    驻村助手可以帮您：
    📍 打卡 —— 点「打卡」按钮发送当前位置，每天在村记一天
    📝 民情日记 —— 直接发文字、照片或语音
    🗓 请假 /leave，销假 /return
    👤 /me —— 本月在村天数、请假、预警和整改事项
    📣 /report —— 匿名举报
help-guest =
    您好！这里是驻村干部管理助手。
    • 任何人都可以用 /report 匿名举报驻村干部的问题，并用回执码 /followup 查询进展。
    • 驻村干部请使用组织部门发给您的绑定链接。
start-linked-cadre = 绑定成功：{ $name }，{ $village }。以后每天点「📍 打卡」发送位置即可。
start-linked-user = 绑定成功：{ $name }。有待审批事项时会通知您。
invitation-unknown = 这个绑定码无效。请向组织部门索取新的绑定链接。
invitation-used = 这个绑定码已经用过了。如需重新绑定，请向组织部门索取新的链接。
invitation-expired = 这个绑定码已过期（有效期 7 天）。请向组织部门索取新的链接。
not-linked = 这个功能只对已绑定的驻村干部开放。请使用组织部门发给您的绑定链接。
no-assignment = 您目前没有在岗的驻村任务，无法打卡。如有疑问请联系县委组织部。

## 打卡
checkin-ask = 请点下面的「📍 打卡」按钮，发送您现在的位置。
checkin-forwarded = 转发的位置不能打卡。请点「📍 打卡」发送您现在的位置。
checkin-venue = 地点（场所）不能用来打卡。请点「📍 打卡」发送您现在的位置。
checkin-stale = 这个位置不是刚刚发送的。请点「📍 打卡」重新发送当前位置。
checkin-inside = ✅ 打卡成功，{ $date } 在村。
checkin-inside-again = ✅ 已记录。今天（{ $date }）已经算在村一天，不会重复计算。
checkin-outside = ⚠️ 您距离{ $village }约 { $distance }，在村范围（{ $radius }）以外。这次位置已记录，但今天不算在村。
checkin-returned = 🔙 已为您销假（{ $date }），欢迎回村。
month-so-far = { $month }：在村 { $inVillage } 天，请假 { $leave } 天，{ $needed ->
        [0] 本月已达到 { $required } 天的要求
       *[other] 还需 { $needed } 天（本月要求 { $required } 天）
    }。
checkin-photo-hint = 如愿意，可以再发一张现场照片（不是必须的）。
checkin-photo-saved = 📷 照片已附在今天的打卡记录上。

## 民情日记
diary-saved = 📝 民情日记已保存（{ $date }）。本月已写 { $count } 篇。
diary-empty = 民情日记需要文字、照片或语音。
diary-ask = 请直接发送今天的民情日记：文字、照片或语音都可以。
diary-undo = 撤销这篇
diary-undone = 已撤销这篇民情日记。
diary-undo-too-late = 只能撤销当天写的日记，这篇已无法撤销。
