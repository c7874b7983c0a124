// Sticker, GIF, reaction, emoji-status and attach-menu lists Telegram Desktop asks for at start,
// each with the hash of what it has cached (0 at first). The account has none of them, and the
// hash of an empty list is 0, so Telegram's answer is the "not modified" constructor. Those
// constructors are the same in every layer 133..228 (tdesktop 4.6.5 layer-152 api.tl and the
// layer-228 schema agree).
#include "method.hpp"
#include "tgs/tl/writer.hpp"

namespace tgs::testdc::methods {
namespace {

Bytes constructor(std::uint32_t id) {
    tl::Writer w;
    w.write_uint32(id);
    return w.take();
}

Bytes all_stickers(Call& call, tl::Reader&) {
    call.require_user();
    return constructor(0xe86602c3);  // messages.allStickersNotModified
}
Bytes recent_stickers(Call& call, tl::Reader&) {
    call.require_user();
    return constructor(0x0b17f890);  // messages.recentStickersNotModified
}
Bytes faved_stickers(Call& call, tl::Reader&) {
    call.require_user();
    return constructor(0x9e8fa6d3);  // messages.favedStickersNotModified
}
Bytes saved_gifs(Call& call, tl::Reader&) {
    call.require_user();
    return constructor(0xe8025ca2);  // messages.savedGifsNotModified
}
Bytes featured_stickers(Call& call, tl::Reader&) {
    call.require_user();
    tl::Writer w;
    w.write_uint32(0xc6dc0c66);  // messages.featuredStickersNotModified
    w.write_int32(0);            // count
    return w.take();
}
Bytes available_reactions(Call& call, tl::Reader&) {
    call.require_user();
    return constructor(0x9f071957);  // messages.availableReactionsNotModified
}
Bytes attach_menu_bots(Call& call, tl::Reader&) {
    call.require_user();
    return constructor(0xf1d88a5c);  // attachMenuBotsNotModified
}
Bytes stickers_for_emoji(Call& call, tl::Reader&) {
    call.require_user();
    return constructor(0xf1749a22);  // messages.stickersNotModified
}
Bytes emoji_groups(Call& call, tl::Reader&) {
    call.require_user();
    return constructor(0x6fb4ad87);  // messages.emojiGroupsNotModified
}
// The app asks for Telegram's own sets (animated emoji, dice) by kind; this server has none,
// and Telegram answers an unknown set so.
Bytes sticker_set(Call& call, tl::Reader&) {
    call.require_user();
    fail(400, "STICKERSET_INVALID");
}
Bytes emoji_statuses(Call& call, tl::Reader&) {
    call.require_user();
    return constructor(0xd08ce645);  // account.emojiStatusesNotModified
}

}  // namespace

void register_startup_stickers(MethodTable& t) {
    t.add(0xb8a0a1a8, all_stickers);         // messages.getAllStickers
    t.add(0x640f82b8, all_stickers);         // messages.getMaskStickers
    t.add(0xfbfca18f, all_stickers);         // messages.getEmojiStickers
    t.add(0x9da9403b, recent_stickers);      // messages.getRecentStickers
    t.add(0x04f1aaa9, faved_stickers);       // messages.getFavedStickers
    t.add(0x5cf09635, saved_gifs);           // messages.getSavedGifs
    t.add(0x64780b14, featured_stickers);    // messages.getFeaturedStickers
    t.add(0x0ecf6736, featured_stickers);    // messages.getFeaturedEmojiStickers
    t.add(0x18dea0ac, available_reactions);  // messages.getAvailableReactions
    t.add(0x16fcc2cb, attach_menu_bots);     // messages.getAttachMenuBots
    t.add(0xd5a5d3a1, stickers_for_emoji);   // messages.getStickers
    t.add(0x7488ce5b, emoji_groups);         // messages.getEmojiGroups
    t.add(0xc8a0ec74, sticker_set);          // messages.getStickerSet
    t.add(0xd6753386, emoji_statuses);       // account.getDefaultEmojiStatuses
    t.add(0x0f578105, emoji_statuses);       // account.getRecentEmojiStatuses
}

}  // namespace tgs::testdc::methods
